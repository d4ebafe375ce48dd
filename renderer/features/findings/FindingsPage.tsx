import { App, Button, Card, Input, InputNumber, Popover, Select, Space, Switch } from 'antd';
import { FileExcelOutlined, ReconciliationOutlined, SettingOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { FINDING_STATUSES, isOverdue, type Finding, type FindingStatus } from '../../../shared/domain/findings';
import type { Inspection } from '../../../shared/domain/inspections';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { localDate } from '../inspections/dates';
import { useRepositories } from '../inspections/hooks';
import { FindingFormModal, checklistItemText } from './FindingFormModal';
import { FindingsTable, makeRelationText } from './FindingsTable';
import { useDocumentJob } from '../reports/useDocumentJob';
import '../inspections/inspections.css';

/** 问题整改: findings across rounds, filtered by round, status, overdue and text. */
export default function FindingsPage() {
  const { db, profile } = useSession();
  const repos = useRepositories();
  const navigate = useNavigate();
  const ledgerJob = useDocumentJob();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const inspectionId = params.get('inspection') ?? undefined;
  const [status, setStatus] = useState<FindingStatus | undefined>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Finding | null>(null);
  const today = localDate();

  const inspections = useLiveQuery(() => repos.inspections.list(), [repos]);
  const all = useLiveQuery(() => repos.findings.list({ inspectionId }), [repos, inspectionId]);
  const names = useLiveQuery(async () => new Map((await db.assessments.toArray()).map((a) => [a.id, a.targetName])), [db]);
  const days = useLiveQuery(() => repos.findings.deadlineDays(), [repos]);
  const [daysDraft, setDaysDraft] = useState<number | null>(null);

  const byInspection = useMemo(() => new Map((inspections ?? []).map((i) => [i.id, i])), [inspections]);
  const relation = useMemo(() => {
    const cache = new Map<string, (f: Finding) => string | null>();
    return (f: Finding) => {
      let fn = cache.get(f.inspectionId);
      if (!fn) cache.set(f.inspectionId, (fn = makeRelationText(byInspection.get(f.inspectionId)?.scheme, checklistItemText)));
      return fn(f);
    };
  }, [byInspection]);

  const rows = useMemo(() => {
    const q = search.trim();
    return (all ?? []).filter(
      (f) =>
        byInspection.has(f.inspectionId) &&
        (!status || f.status === status) &&
        (!overdueOnly || isOverdue(f, today)) &&
        (!q || f.description.includes(q) || (names?.get(f.assessmentId) ?? '').includes(q)),
    );
  }, [all, status, overdueOnly, search, names, today, byInspection]);
  const overdueCount = useMemo(() => (all ?? []).filter((f) => byInspection.has(f.inspectionId) && isOverdue(f, today)).length, [all, today, byInspection]);
  const editingInspection: Inspection | undefined = editing ? byInspection.get(editing.inspectionId) : undefined;

  /** 问题整改台账 (Excel) of the findings listed, as filtered: written off the main thread, with progress and 取消. */
  function exportLedger() {
    const listed = rows;
    return ledgerJob.run(
      '问题整改台账',
      async () => {
        const notices = new Map((await db.notices.toArray()).map((n) => [n.id, n.number]));
        const round = inspectionId ? byInspection.get(inspectionId) : undefined;
        return {
          kind: 'ledger',
          input: {
            title: round ? `${round.title}问题整改台账` : '问题整改台账',
            organisation: profile?.organisation ?? '',
            today,
            rows: listed.map((f) => ({
              finding: f,
              targetName: names?.get(f.assessmentId) ?? '',
              inspectionTitle: byInspection.get(f.inspectionId)?.title ?? '',
              subject: relation(f) ?? '其他问题',
              noticeNumber: f.noticeId ? (notices.get(f.noticeId) ?? '') : '',
            })),
          },
        };
      },
      async (result) => {
        if (await getPlatform().saveFile(result.fileName, result.bytes, [{ name: 'Excel 工作簿', extensions: ['xlsx'] }])) message.success(`已导出问题整改台账（${listed.length}个问题）`);
      },
    );
  }

  return (
    <div>
      <div className="zw-page-head">
        <h1 className="page-title">问题整改</h1>
        <Space>
          <Button icon={<ReconciliationOutlined />} onClick={() => navigate('/followup')}>
            回头看
          </Button>
          <Button icon={<FileExcelOutlined />} loading={ledgerJob.busy} disabled={rows.length === 0} onClick={() => void exportLedger()}>
            导出问题整改台账
          </Button>
          <Popover
            trigger="click"
            title="整改期限默认值"
            onOpenChange={(o) => o && setDaysDraft(days ?? null)}
            content={
              <Space>
                <InputNumber min={1} max={365} precision={0} value={daysDraft} onChange={setDaysDraft} suffix="个工作日" style={{ width: 140 }} aria-label="默认整改期限" />
                <Button
                  type="primary"
                  onClick={async () => {
                    try {
                      await repos.findings.setDeadlineDays(daysDraft ?? 0);
                      message.success(`新记录的问题默认整改期限为 ${daysDraft} 个工作日`);
                    } catch (e) {
                      message.error(e instanceof Error ? e.message : String(e));
                    }
                  }}
                >
                  保存
                </Button>
              </Space>
            }
          >
            <Button icon={<SettingOutlined />}>默认整改期限：{days ?? '…'} 个工作日</Button>
          </Popover>
        </Space>
      </div>
      {ledgerJob.view && <div style={{ marginBottom: 12 }}>{ledgerJob.view}</div>}
      <Card size="small">
        <Space wrap style={{ marginBottom: 10 }}>
          <Select
            allowClear
            placeholder="全部检查任务"
            style={{ width: 300 }}
            value={inspectionId}
            onChange={(v) => setParams(v ? { inspection: v } : {})}
            options={(inspections ?? []).map((i) => ({ value: i.id, label: i.title }))}
          />
          <Select allowClear placeholder="全部状态" style={{ width: 140 }} value={status} onChange={setStatus} options={FINDING_STATUSES.map((s) => ({ value: s, label: s }))} />
          <Space size={6}>
            <Switch checked={overdueOnly} onChange={setOverdueOnly} aria-label="只看逾期" />
            <span>只看逾期{overdueCount > 0 && <span style={{ color: '#cf1322' }}>（{overdueCount}）</span>}</span>
          </Space>
          <Input.Search allowClear placeholder="搜索问题描述或单位" style={{ width: 240 }} onSearch={setSearch} onChange={(e) => !e.target.value && setSearch('')} />
        </Space>
        <FindingsTable
          findings={rows}
          loading={!all || !names}
          today={today}
          showTarget={(f) => names?.get(f.assessmentId) ?? ''}
          relationText={relation}
          onEdit={setEditing}
        />
      </Card>
      {editing && editingInspection && (
        <FindingFormModal open assessment={{ id: editing.assessmentId, targetName: names?.get(editing.assessmentId) ?? '' }} scheme={editingInspection.scheme} finding={editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
