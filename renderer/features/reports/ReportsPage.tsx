import { Card, Empty, Select, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../store/sessionStore';
import { ReportsPanel } from './ReportsPanel';

/** 报表与文书: pick a round, then export its score sheet, report and notices. */
export default function ReportsPage() {
  const { db } = useSession();
  const [params, setParams] = useSearchParams();
  const rounds = useLiveQuery(async () => (await db.inspections.where('deleted').equals(0).toArray()).sort((a, b) => b.startDate.localeCompare(a.startDate) || b.createdAt.localeCompare(a.createdAt)), [db]);
  const chosen = params.get('inspection') ?? rounds?.[0]?.id ?? null;
  const exists = !!rounds?.some((r) => r.id === chosen);
  return (
    <div>
      <h1 className="page-title">报表与文书</h1>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space>
          <Typography.Text>检查任务：</Typography.Text>
          <Select
            aria-label="检查任务"
            style={{ width: 420 }}
            placeholder="请选择检查任务"
            value={exists ? chosen : null}
            loading={rounds === undefined}
            options={(rounds ?? []).map((r) => ({ value: r.id, label: `${r.title}（${r.startDate}）` }))}
            onChange={(id: string) => setParams({ inspection: id })}
          />
        </Space>
      </Card>
      {rounds && rounds.length === 0 && <Empty description="还没有检查任务。请先在“检查任务”中新建。" />}
      {chosen && exists && <ReportsPanel key={chosen} inspectionId={chosen} title="评分表、检查报告与整改通知书" />}
    </div>
  );
}
