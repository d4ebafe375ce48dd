import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Result, Spin, Tabs, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useSession } from '../../store/sessionStore';
import { CatalogueTab } from './CatalogueTab';
import { CheckRunRepository } from './checkRunRepository';
import { CheckRunsTable } from './CheckRunsCard';
import { CheckContext, type CheckContextValue } from './components';
import { LedgerTab } from './LedgerTab';
import { feedableRules } from './ruleChoice';
import { TimelinessTab } from './TimelinessTab';
import { CHECK_KIND_LABELS, CHECK_KINDS, type CheckKind } from './types';
import './paperworkChecks.css';

type TabKey = CheckKind | 'runs';
const TAB_KEYS: readonly TabKey[] = [...CHECK_KINDS, 'runs'];

/**
 * 资料核查 for one assessment (one unit in one round): the catalogue check, the
 * ledger comparison and the two timeliness lists, each feeding a rule of the
 * round's scheme once the inspector confirms the result.
 * Route: #/checks/:assessmentId (?tab=catalogue|ledger|interpretation|submission|runs).
 */
export default function PaperworkChecksPage() {
  const { assessmentId = '' } = useParams();
  const { db, logger } = useSession();
  const repo = useMemo(() => new CheckRunRepository(db, logger), [db, logger]);
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab') as TabKey | null;
  const tab: TabKey = tabParam && TAB_KEYS.includes(tabParam) ? tabParam : 'catalogue';

  const assessment = useLiveQuery(async () => (await db.assessments.get(assessmentId)) ?? null, [db, assessmentId]);
  const inspection = useLiveQuery(async () => (assessment ? ((await db.inspections.get(assessment.inspectionId)) ?? null) : null), [db, assessment?.inspectionId]);
  const runs = useLiveQuery(() => repo.listRuns(assessmentId), [repo, assessmentId]);
  const [remembered, setRemembered] = useState<CheckContextValue['remembered'] | null>(null);

  const inspectionId = assessment?.inspectionId;
  useEffect(() => {
    if (!inspectionId) return;
    let live = true;
    void Promise.all(CHECK_KINDS.map(async (k) => [k, await repo.lastRuleChoice(inspectionId, k)] as const)).then((pairs) => {
      if (!live) return;
      const out: CheckContextValue['remembered'] = {};
      for (const [k, c] of pairs) if (c) out[k] = c;
      setRemembered(out);
    });
    return () => {
      live = false;
    };
  }, [repo, inspectionId]);

  const ruleOptions = useMemo(() => (inspection ? feedableRules(inspection.scheme) : []), [inspection]);

  if (assessment === null || (assessment && assessment.deleted === 1)) {
    return (
      <Card>
        <Result status="404" title="未找到该评分记录" subTitle="该单位可能已从检查任务中移除。" extra={<Link to="/inspections">返回检查任务</Link>} />
      </Card>
    );
  }
  if (inspection === null) {
    return (
      <Card>
        <Result status="404" title="未找到所属的检查任务" extra={<Link to="/inspections">返回检查任务</Link>} />
      </Card>
    );
  }
  if (!assessment || !inspection || !runs || !remembered) return <Spin style={{ marginTop: 80, width: '100%' }} description="正在加载…" />;

  const ctx: CheckContextValue = {
    assessment,
    inspection,
    repo,
    ruleOptions,
    reportTitle: `${assessment.targetName} ${inspection.title}`,
    runs,
    remembered,
  };
  const backTo = `/inspections/${inspection.id}/assessments/${assessment.id}`;
  const countOf = (k: CheckKind) => runs.filter((r) => r.kind === k).length;

  return (
    <CheckContext.Provider value={ctx}>
      <div className="pc-page">
        <div className="pc-header">
          <div>
            <h1 className="page-title" style={{ marginBottom: 2 }}>
              资料核查：{assessment.targetName}
            </h1>
            <Typography.Text type="secondary" data-testid="round-line">
              检查任务：{inspection.title}　　考核方案：{inspection.scheme.name}
            </Typography.Text>
          </div>
          <Button icon={<ArrowLeftOutlined />} href={`#${backTo}`}>
            返回评分页面
          </Button>
        </div>
        {assessment.status === 'submitted' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="该单位的评分已提交：可以核查和导出，但确认写入前需先在评分页面解锁。" />
        ) : null}
        <Tabs
          type="card"
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            ...CHECK_KINDS.map((k) => ({
              key: k,
              label: (
                <span>
                  {CHECK_KIND_LABELS[k]}
                  {countOf(k) ? <Badge count={countOf(k)} size="small" color="#8c8c8c" style={{ marginLeft: 6 }} /> : null}
                </span>
              ),
              children: k === 'catalogue' ? <CatalogueTab /> : k === 'ledger' ? <LedgerTab /> : <TimelinessTab kind={k} />,
            })),
            {
              key: 'runs',
              label: <span>核查记录{runs.length ? `（${runs.length}）` : ''}</span>,
              children: (
                <Card size="small">
                  <CheckRunsTable />
                </Card>
              ),
            },
          ]}
        />
      </div>
    </CheckContext.Provider>
  );
}
