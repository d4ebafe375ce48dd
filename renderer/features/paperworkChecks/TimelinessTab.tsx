import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Input, InputNumber, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createWorkCalendar, type CalendarOverride, type LagUnit } from '../../../shared/calendar/workCalendar';
import {
  checkTimeliness,
  LAG_UNIT_LABELS,
  previewTimelinessEntries,
  TIMELINESS_LABELS,
  TIMELINESS_PRESETS,
  type TimelinessItem,
  type TimelinessKind,
  type TimelinessPresetId,
  type TimelinessPreview,
} from '../../../shared/checks/timeliness';
import { getPlatform } from '../../platform';
import { runCheckJobOffThread } from './checkJobs';
import { CheckActionBar, ImportProgress, RuleSelect, SourceLine, SPREADSHEET_FILTERS, Stat, useCheckContext } from './components';
import { ConfirmCheckModal, type ConfirmRequest } from './ConfirmCheckModal';
import { ConfirmedBanner, type ConfirmedInfo } from './ConfirmedBanner';
import { MappingModal } from './MappingModal';
import { itemKey, timelinessFindingDrafts, timelinessOutcome } from './outcomes';
import { reportFileName } from './reports';
import { useReportExport } from './useReportExport';
import { initialRule, type RuleOption } from './ruleChoice';
import { useTableImport, type PreviewFn } from './useTableImport';

type LimitChoice = TimelinessPresetId | 'custom';

const PRESET_IDS = Object.keys(TIMELINESS_PRESETS) as TimelinessPresetId[];
const PRESET_SHORT: Record<TimelinessPresetId, string> = {
  interpretationPanjin2024: '5日（盘锦2024：解读）',
  interpretationPanjin2017: '3个工作日（盘锦2017：解读）',
  submissionPanjin2024: '1个月（盘锦2024：报送）',
};
const UNITS: LagUnit[] = ['calendarDays', 'workingDays', 'months'];

interface EntryRow {
  key: number;
  title: string;
  from: string;
  to: string;
}

/** The limit that matches a time-limit rule, or the kind's usual one. */
function limitForRule(kind: TimelinessKind, rule: RuleOption | null): { choice: LimitChoice; limit: number; unit: LagUnit } {
  if (rule?.rule.kind === 'lag') {
    const r = rule.rule;
    const preset = PRESET_IDS.find((id) => TIMELINESS_PRESETS[id].kind === kind && TIMELINESS_PRESETS[id].limit === r.limit && TIMELINESS_PRESETS[id].unit === r.limitUnit);
    return { choice: preset ?? 'custom', limit: r.limit, unit: r.limitUnit };
  }
  const id: TimelinessPresetId = kind === 'interpretation' ? 'interpretationPanjin2024' : 'submissionPanjin2024';
  return { choice: id, limit: TIMELINESS_PRESETS[id].limit, unit: TIMELINESS_PRESETS[id].unit };
}

let nextKey = 1;
const blankRow = (): EntryRow => ({ key: nextKey++, title: '', from: '', to: '' });

export function TimelinessTab({ kind }: { kind: TimelinessKind }) {
  const ctx = useCheckContext();
  const { repo, ruleOptions, remembered, assessment } = ctx;
  const { message } = App.useApp();
  const L = TIMELINESS_LABELS[kind];
  const [ruleId, setRuleId] = useState<string | null>(() => initialRule(ruleOptions, kind, remembered[kind]?.[kind]));
  const rule = ruleOptions.find((o) => o.ruleId === ruleId) ?? null;
  const [limitState, setLimitState] = useState(() => limitForRule(kind, rule));
  const [mode, setMode] = useState<'file' | 'manual'>('file');
  const [entries, setEntries] = useState<EntryRow[]>(() => [blankRow(), blankRow(), blankRow()]);
  const [overrides, setOverrides] = useState<CalendarOverride[]>([]);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [onlyLate, setOnlyLate] = useState(false);
  const [mappingOpen, setMappingOpen] = useState(false);
  const [confirmReq, setConfirmReq] = useState<ConfirmRequest | null>(null);
  const [confirmed, setConfirmed] = useState<ConfirmedInfo | null>(null);
  const { exporting, exportReport } = useReportExport();

  useEffect(() => {
    void repo.calendarOverrides().then(setOverrides);
  }, [repo]);

  const run = useCallback<PreviewFn<TimelinessPreview>>((input, mapping, sheetName, signal) => runCheckJobOffThread({ op: 'timeliness', input, options: { kind, mapping, sheetName } }, signal), [kind]);
  const imp = useTableImport(kind, repo, run);
  const { state } = imp;

  const manualPreview = useMemo(
    () => (mode === 'manual' && entries.some((e) => e.title.trim() || e.from.trim() || e.to.trim()) ? previewTimelinessEntries(kind, entries.map((e) => ({ title: e.title, from: e.from.trim() || null, to: e.to.trim() || null }))) : null),
    [mode, entries, kind],
  );
  const preview = mode === 'file' ? (state.status === 'ready' ? state.preview : null) : manualPreview;

  useEffect(() => {
    if (mode === 'file' && state.status === 'ready' && state.preview?.needsMapping) setMappingOpen(true);
  }, [mode, state.status, state.preview]);
  useEffect(() => {
    setExcluded(new Set());
    setConfirmed(null);
  }, [preview]);

  const { limit, unit, choice } = limitState;
  const report = useMemo(() => {
    if (!preview) return null;
    const presetLabel = choice !== 'custom' && TIMELINESS_PRESETS[choice].kind === kind ? TIMELINESS_PRESETS[choice].label : undefined;
    return checkTimeliness(preview, { limit, unit, calendar: createWorkCalendar(overrides), label: presetLabel });
  }, [preview, limit, unit, choice, kind, overrides]);
  const confirmedKeys = useMemo(() => new Set(report ? report.late.map(itemKey).filter((k) => !excluded.has(k)) : []), [report, excluded]);
  const outcome = useMemo(() => (report ? timelinessOutcome(report, confirmedKeys, rule) : null), [report, confirmedKeys, rule]);
  const unjudged = report ? new Set(report.rowIssues.filter((i) => i.severity === 'error').map((i) => i.row)).size : 0;
  const ruleMismatch = rule?.rule.kind === 'lag' && (rule.rule.limit !== limit || rule.rule.limitUnit !== unit);

  async function pick() {
    try {
      const [file] = await getPlatform().pickFiles({ filters: SPREADSHEET_FILTERS });
      if (file) await imp.load({ bytes: file.bytes, fileName: file.name });
    } catch (e) {
      message.error(`无法打开文件：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  function setEntry(key: number, patch: Partial<EntryRow>) {
    setEntries((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  async function doExport() {
    if (!report) return;
    await exportReport({ title: ctx.reportTitle, timeliness: [report] }, reportFileName(assessment.targetName, kind));
  }

  function openConfirm() {
    if (!report || !outcome) return;
    setConfirmReq({
      title: L.list,
      sources: [report.source],
      countText: `可判断的文件 ${report.items.length} 件，${report.rule.label}：确认超期 ${outcome.count} 件${unjudged ? `；日期有误无法判断 ${unjudged} 行` : ''}`,
      feeds: outcome.feeds,
      lagItems: outcome.lagItems.length,
      drafts: timelinessFindingDrafts(report, confirmedKeys, rule),
    });
  }

  async function write({ createFindings, deadline }: { createFindings: boolean; deadline: string }) {
    if (!report || !outcome || !confirmReq) return;
    const saved = await repo.confirm({
      assessmentId: assessment.id,
      kind,
      fileName: report.source.fileName,
      fileHash: report.source.sha256,
      count: outcome.count,
      confirmed: [...confirmedKeys],
      feeds: outcome.feeds,
      ruleChoice: { [kind]: ruleId },
      result: { sources: [report.source], timeliness: { report } },
      findings: createFindings ? confirmReq.drafts : [],
      deadline,
    });
    setConfirmReq(null);
    setConfirmed({ run: saved.run, findings: saved.findings.length });
    message.success('核查结果已写入');
  }

  const items = report ? (onlyLate ? report.late : report.items) : [];
  const unitLabel = LAG_UNIT_LABELS[unit];

  return (
    <div className="pc-tab">
      <Card size="small">
        <div className="pc-toolbar">
          <label className="pc-field">
            <span>时限</span>
            <Select
              aria-label="时限"
              style={{ width: 250 }}
              value={choice}
              onChange={(c: LimitChoice) => setLimitState(c === 'custom' ? { ...limitState, choice: c } : { choice: c, limit: TIMELINESS_PRESETS[c].limit, unit: TIMELINESS_PRESETS[c].unit })}
              options={[...PRESET_IDS.map((id) => ({ value: id, label: PRESET_SHORT[id] })), { value: 'custom', label: '自定义' }]}
            />
          </label>
          <Space.Compact>
            <InputNumber aria-label="时限数值" min={0} max={3650} precision={0} value={limit} disabled={choice !== 'custom'} onChange={(v) => typeof v === 'number' && setLimitState({ ...limitState, limit: v })} style={{ width: 80 }} />
            <Select aria-label="时限单位" value={unit} disabled={choice !== 'custom'} onChange={(u: LagUnit) => setLimitState({ ...limitState, unit: u })} style={{ width: 110 }} options={UNITS.map((u) => ({ value: u, label: LAG_UNIT_LABELS[u] }))} />
          </Space.Compact>
          <Typography.Text type="secondary">
            {L.lagVerb}超过{limit}
            {unitLabel}即为超期
          </Typography.Text>
        </div>
        <div className="pc-toolbar" style={{ marginTop: 8 }}>
          <label className="pc-field">
            <span>计入规则</span>
            <RuleSelect
              slot={kind}
              value={ruleId}
              width={560}
              onChange={(id) => {
                setRuleId(id);
                const r = ruleOptions.find((o) => o.ruleId === id) ?? null;
                if (r?.rule.kind === 'lag') setLimitState(limitForRule(kind, r));
              }}
            />
          </label>
          <Segmented style={{ marginLeft: 'auto' }} value={mode} onChange={(m) => setMode(m as 'file' | 'manual')} options={[{ value: 'file', label: '导入表格' }, { value: 'manual', label: '手工录入' }]} />
          {mode === 'file' ? (
            <Button type="primary" icon={<UploadOutlined />} onClick={pick} loading={state.status === 'parsing'}>
              导入{L.list}表
            </Button>
          ) : null}
        </div>
        {ruleMismatch && rule?.rule.kind === 'lag' ? (
          <Alert
            style={{ marginTop: 8 }}
            type="warning"
            showIcon
            title={`所选规则按方案规定的时限（超过${rule.rule.limit}${LAG_UNIT_LABELS[rule.rule.limitUnit]}）计算扣分，与当前检查时限不同；写入后评分以方案规定为准。`}
          />
        ) : null}
      </Card>

      {mode === 'manual' ? (
        <Card size="small" title={`逐件录入（${L.from}、${L.to}，日期如 2024-03-05 或 2024年3月5日）`}>
          <Table<EntryRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={entries}
            columns={[
              { title: '序号', width: 56, render: (_, _r, i) => i + 1 },
              { title: '文件标题', render: (_, r, i) => <Input aria-label={`第${i + 1}件文件标题`} value={r.title} onChange={(e) => setEntry(r.key, { title: e.target.value })} /> },
              { title: L.from, width: 170, render: (_, r, i) => <Input aria-label={`第${i + 1}件${L.from}`} value={r.from} placeholder="2024-03-05" onChange={(e) => setEntry(r.key, { from: e.target.value })} /> },
              { title: L.to, width: 170, render: (_, r, i) => <Input aria-label={`第${i + 1}件${L.to}`} value={r.to} placeholder="2024-03-08" onChange={(e) => setEntry(r.key, { to: e.target.value })} /> },
              { title: '', width: 48, render: (_, r) => <Button type="text" icon={<DeleteOutlined />} aria-label="删除该行" onClick={() => setEntries((rows) => (rows.length > 1 ? rows.filter((x) => x.key !== r.key) : [blankRow()]))} /> },
            ]}
          />
          <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => setEntries((rows) => [...rows, blankRow()])}>
            添加一行
          </Button>
        </Card>
      ) : null}

      {mode === 'file' && state.status === 'idle' ? (
        <Card size="small">
          <Empty description={`导入含「文件标题」「${L.from}」「${L.to}」的表格，或切换到“手工录入”逐件填写`} />
        </Card>
      ) : null}
      {mode === 'file' && <ImportProgress state={state} onMap={() => setMappingOpen(true)} onCancel={imp.cancel} />}

      {report && outcome ? (
        <CheckActionBar
          summary={
            <span data-testid={`${kind}-count`}>
              {rule ? (
                <>
                  计入「{rule.rule.text}」：超期 <strong>{outcome.count}</strong> 件{rule.rule.kind === 'lag' ? `（写入 ${outcome.lagItems.length} 件文件的日期）` : ''}
                </>
              ) : (
                `超期 ${outcome.count} 件，未选择计入的规则`
              )}
            </span>
          }
          onExport={doExport}
          exporting={exporting}
          onConfirm={openConfirm}
          confirmDisabled={report.items.length === 0}
          confirmHint="没有可判断的文件"
        />
      ) : null}
      {confirmed ? <ConfirmedBanner info={confirmed} /> : null}

      {report ? (
        <Card size="small" className="pc-result">
          <Space orientation="vertical" size={10} style={{ width: '100%' }}>
            {mode === 'file' ? (
              <div className="pc-source-row">
                <SourceLine source={report.source} extra={state.recalled ? <Tag color="blue">已套用上次的列对应</Tag> : undefined} />
                <Button size="small" onClick={() => setMappingOpen(true)}>
                  调整列对应
                </Button>
              </div>
            ) : null}
            <div className="pc-stats" data-testid={`${kind}-summary`}>
              <Stat label="可判断的文件" value={report.items.length} />
              <Stat label="超过时限" value={report.late.length} danger={report.late.length > 0} />
              <Stat label="日期有误、无法判断" value={unjudged} danger={unjudged > 0} />
              <Stat label="确认计入" value={outcome?.count ?? 0} strong />
            </div>
            {report.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} />
            ))}
            {report.rowIssues.length ? (
              <Alert
                type={unjudged ? 'error' : 'warning'}
                showIcon
                title={
                  <div className="pc-issue-list">
                    <strong>需要核对的行：</strong>
                    {report.rowIssues.map((i, n) => (
                      <div key={n}>
                        第{i.row}行{i.column ? `（${i.column}列）` : ''}：{i.message}
                      </div>
                    ))}
                  </div>
                }
              />
            ) : null}
            <div className="pc-filter-row">
              <Typography.Text strong>{report.rule.label}</Typography.Text>
              <span style={{ marginLeft: 'auto' }}>
                <Switch size="small" checked={onlyLate} onChange={setOnlyLate} aria-label="只看超期" /> 只看超期
              </span>
            </div>
            <Table<TimelinessItem>
              size="small"
              rowKey="row"
              dataSource={items}
              pagination={{ pageSize: 8, showSizeChanger: false, showTotal: (n) => `共 ${n} 件` }}
              rowClassName={(r) => (r.late ? 'pc-row-late' : '')}
              columns={[
                { title: mode === 'file' ? '行号' : '序号', dataIndex: 'row', width: 64 },
                { title: '文件标题', dataIndex: 'title', ellipsis: true },
                { title: L.from, dataIndex: 'from', width: 112 },
                { title: L.to, dataIndex: 'to', width: 112 },
                { title: '间隔', width: 100, render: (_, r) => `${r.lag}${unitLabel}` },
                { title: '最迟日期', dataIndex: 'deadline', width: 112 },
                { title: '结果', width: 120, render: (_, r) => (r.late ? <Tag color="red">超期 {r.daysOverdue} 天</Tag> : <Tag color="green">按时</Tag>) },
                {
                  title: '计入',
                  width: 76,
                  render: (_, r) =>
                    r.late ? (
                      <Checkbox
                        aria-label={`计入：${r.title}`}
                        checked={!excluded.has(itemKey(r))}
                        onChange={(e) =>
                          setExcluded((prev) => {
                            const next = new Set(prev);
                            if (e.target.checked) next.delete(itemKey(r));
                            else next.add(itemKey(r));
                            return next;
                          })
                        }
                      />
                    ) : null,
                },
              ]}
            />
          </Space>
        </Card>
      ) : null}


      {mappingOpen && (state.preview?.proposal ?? state.help?.proposal) ? (
        <MappingModal
          kind={kind}
          title={`${L.list}表列对应`}
          proposal={(state.preview?.proposal ?? state.help?.proposal)!}
          help={state.status === 'error' ? state.help : null}
          required={['title', 'from', 'to']}
          onCancel={() => setMappingOpen(false)}
          onApply={async (m) => {
            const err = await imp.applyMapping(m);
            if (!err) setMappingOpen(false);
            return err;
          }}
        />
      ) : null}
      {confirmReq ? <ConfirmCheckModal request={confirmReq} onCancel={() => setConfirmReq(null)} onConfirm={write} /> : null}
    </div>
  );
}
