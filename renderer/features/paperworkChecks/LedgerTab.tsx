import { SnippetsOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyManualMatches,
  compareLedger,
  LEDGER_STATUS_LABELS,
  VALIDITY_LABELS,
  type LedgerEntry,
  type LedgerFilePreview,
  type LedgerStatus,
  type ManualMatch,
  type SitePreview,
} from '../../../shared/checks/ledger';
import { getPlatform } from '../../platform';
import { runCheckJobOffThread } from './checkJobs';
import { CheckActionBar, ImportProgress, RuleSelect, SourceLine, SPREADSHEET_FILTERS, Stat, useCheckContext } from './components';
import { ConfirmCheckModal, type ConfirmRequest } from './ConfirmCheckModal';
import { ConfirmedBanner, type ConfirmedInfo } from './ConfirmedBanner';
import { MappingModal } from './MappingModal';
import { countableLedgerEntries, inLedgerClass, LEDGER_SLOTS, ledgerFindingDrafts, ledgerOutcome, type LedgerSlot } from './outcomes';
import { reportFileName } from './reports';
import { useReportExport } from './useReportExport';
import { initialRule, suggestRule, type RuleOption } from './ruleChoice';
import { FEED_SLOT_LABELS } from './types';
import { useTableImport, type PreviewFn, type TableImportState } from './useTableImport';

type View = 'all' | 'review' | LedgerSlot | 'extra' | 'consistent' | 'absentInactive';

const STATUS_COLORS: Record<LedgerStatus, string> = {
  consistent: 'green',
  missing: 'red',
  inconsistent: 'orange',
  unmarked: 'volcano',
  extra: 'blue',
  absentInactive: 'default',
};

const NO_MATCH = -1;

function inView(e: LedgerEntry, view: View): boolean {
  if (view === 'all') return true;
  if (view === 'review') return e.needsReview;
  if (view === 'extra' || view === 'consistent' || view === 'absentInactive') return !e.needsReview && e.status === view;
  return inLedgerClass(e, view);
}

function validityTag(v: keyof typeof VALIDITY_LABELS | null, text: string, site: boolean) {
  if (!v) return site ? <Tag>未标注</Tag> : text ? <Tag color="warning">{text}（无法识别）</Tag> : <Tag>现行有效</Tag>;
  return <Tag color={v === 'current' ? 'default' : 'purple'}>{VALIDITY_LABELS[v]}</Tag>;
}

/** One side of the comparison: import, source line, problems per row. */
function SideCard({
  title,
  state,
  onPick,
  onPaste,
  onMap,
  rows,
}: {
  title: string;
  state: TableImportState<LedgerFilePreview | SitePreview>;
  onPick: () => void;
  onPaste?: () => void;
  onMap: () => void;
  rows: number;
}) {
  const preview = state.status === 'ready' ? state.preview : null;
  const errors = preview ? preview.rowIssues.filter((i) => i.severity === 'error').length : 0;
  const warnings = preview ? preview.rowIssues.filter((i) => i.severity === 'warning').length : 0;
  return (
    <Card
      size="small"
      title={title}
      className="pc-side"
      extra={
        <Space size={6}>
          {onPaste ? (
            <Button size="small" icon={<SnippetsOutlined />} onClick={onPaste}>
              粘贴表格
            </Button>
          ) : null}
          <Button size="small" type="primary" icon={<UploadOutlined />} onClick={onPick} loading={state.status === 'parsing'}>
            导入文件
          </Button>
        </Space>
      }
    >
      {state.status === 'idle' ? <Typography.Text type="secondary">尚未导入</Typography.Text> : null}
      <ImportProgress state={state} onMap={onMap} mapLabel="手动指定" />
      {preview ? (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <SourceLine source={preview.source} />
          <Space size={[8, 4]} wrap>
            <Typography.Text>读取文件 {rows} 件</Typography.Text>
            {errors ? <Typography.Text type="danger">{errors} 行未参与比对</Typography.Text> : null}
            {warnings ? (
              <Typography.Text type="warning" title={preview.rowIssues.map((i) => `第${i.row}行：${i.message}`).join('\n')}>
                {warnings} 处提示
              </Typography.Text>
            ) : null}
            {state.recalled ? <Tag color="blue">已套用上次的列对应</Tag> : null}
            <Button size="small" type="link" onClick={onMap} style={{ padding: 0 }}>
              调整列对应
            </Button>
          </Space>
        </Space>
      ) : null}
    </Card>
  );
}

export function LedgerTab() {
  const ctx = useCheckContext();
  const { repo, ruleOptions, remembered, assessment } = ctx;
  const { message } = App.useApp();
  const [choice, setChoice] = useState<Record<LedgerSlot, string | null>>(() => {
    const r = remembered.ledger ?? {};
    const inconsistent = initialRule(ruleOptions, 'ledger.inconsistent', r['ledger.inconsistent']);
    const unmarked = r['ledger.unmarked'] !== undefined ? initialRule(ruleOptions, 'ledger.unmarked', r['ledger.unmarked']) : (suggestRule(ruleOptions, 'ledger.unmarked') ?? inconsistent);
    return { 'ledger.missing': initialRule(ruleOptions, 'ledger.missing', r['ledger.missing']), 'ledger.inconsistent': inconsistent, 'ledger.unmarked': unmarked };
  });
  const options = useMemo(() => {
    const out: Partial<Record<LedgerSlot, RuleOption | null>> = {};
    for (const s of LEDGER_SLOTS) out[s] = ruleOptions.find((o) => o.ruleId === choice[s]) ?? null;
    return out;
  }, [choice, ruleOptions]);

  const runLedger = useCallback<PreviewFn<LedgerFilePreview>>((input, mapping, sheetName, signal) => runCheckJobOffThread({ op: 'ledger', input, options: { mapping, sheetName } }, signal), []);
  const runSite = useCallback<PreviewFn<SitePreview>>((input, mapping, sheetName, signal) => runCheckJobOffThread({ op: 'site', input, options: { mapping, sheetName } }, signal), []);
  const ledgerImp = useTableImport('ledger', repo, runLedger);
  const siteImp = useTableImport('site', repo, runSite);
  const ledger = ledgerImp.state.status === 'ready' ? ledgerImp.state.preview : null;
  const site = siteImp.state.status === 'ready' ? siteImp.state.preview : null;

  const [mapping, setMapping] = useState<'ledger' | 'site' | null>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const [overrides, setOverrides] = useState<ManualMatch[]>([]);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [view, setView] = useState<View>('all');
  const [confirmReq, setConfirmReq] = useState<ConfirmRequest | null>(null);
  const [confirmed, setConfirmed] = useState<ConfirmedInfo | null>(null);
  const { exporting, exportReport } = useReportExport();

  useEffect(() => {
    setOverrides([]);
    setExcluded(new Set());
    setConfirmed(null);
  }, [ledger, site]);
  useEffect(() => {
    if (ledger?.needsMapping) setMapping('ledger');
    else if (site?.needsMapping) setMapping('site');
  }, [ledger, site]);

  const base = useMemo(() => (ledger && site ? compareLedger(ledger, site) : null), [ledger, site]);
  const comparison = useMemo(() => (base && overrides.length ? applyManualMatches(base, overrides) : base), [base, overrides]);
  const confirmedKeys = useMemo(() => new Set(comparison ? countableLedgerEntries(comparison).filter((e) => !excluded.has(e.key)).map((e) => e.key) : []), [comparison, excluded]);
  const outcome = useMemo(() => (comparison ? ledgerOutcome(comparison, confirmedKeys, options) : null), [comparison, confirmedKeys, options]);

  useEffect(() => {
    setView(base && base.counts.needsReview > 0 ? 'review' : 'all');
  }, [base]);
  useEffect(() => {
    if (comparison && comparison.counts.needsReview === 0) setView((v) => (v === 'review' ? 'all' : v));
  }, [comparison]);

  async function pick(imp: typeof ledgerImp | typeof siteImp) {
    try {
      const [file] = await getPlatform().pickFiles({ filters: SPREADSHEET_FILTERS });
      if (file) await imp.load({ bytes: file.bytes, fileName: file.name });
    } catch (e) {
      message.error(`无法打开文件：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  function decide(ledgerRow: number, siteRow: number | null) {
    setOverrides((prev) => [...prev.filter((o) => o.ledgerRow !== ledgerRow), { ledgerRow, siteRow }]);
  }

  function undo(ledgerRow: number) {
    setOverrides((prev) => prev.filter((o) => o.ledgerRow !== ledgerRow));
  }

  const counts = comparison?.counts;
  const views: { value: View; label: string; n: number }[] = comparison && counts
    ? [
        { value: 'all', label: '全部', n: comparison.entries.length },
        { value: 'review', label: '待人工确认', n: counts.needsReview },
        { value: 'ledger.missing', label: '网站未公开', n: counts.missing },
        { value: 'ledger.inconsistent', label: '与台账不一致', n: counts.inconsistent },
        { value: 'ledger.unmarked', label: '未标注', n: counts.unmarked },
        { value: 'extra', label: '台账未列入', n: counts.extra },
        { value: 'absentInactive', label: '已废止未发布', n: counts.absentInactive },
        { value: 'consistent', label: '一致', n: counts.consistent },
      ]
    : [];
  const entries = comparison ? comparison.entries.filter((e) => inView(e, view)) : [];

  function actionCell(e: LedgerEntry) {
    if (e.needsReview && e.ledger) {
      return (
        <Select
            aria-label={`台账第${e.ledger.row}行对应的网站文件`}
            size="small"
            style={{ width: '100%' }}
            placeholder="选择对应的网站文件"
            popupMatchSelectWidth={false}
            onChange={(v: number) => decide(e.ledger!.row, v === NO_MATCH ? null : v)}
            options={[
              ...e.candidates.map((s) => ({ value: s.row, label: `网站第${s.row}行：${s.docNumber ? `${s.docNumber} ` : ''}${s.rawTitle}` })),
              { value: NO_MATCH, label: '无匹配（网站未公开该文件）' },
            ]}
          />
      );
    }
    if (e.needsReview) return <Typography.Text type="secondary">待台账文件确认后确定</Typography.Text>;
    const countable = LEDGER_SLOTS.some((s) => inLedgerClass(e, s));
    const manual = e.ledger && overrides.some((o) => o.ledgerRow === e.ledger!.row);
    return (
      <Space size={4} wrap>
        {countable ? (
          <Checkbox checked={!excluded.has(e.key)} onChange={(ev) => setExcluded((prev) => {
            const next = new Set(prev);
            if (ev.target.checked) next.delete(e.key);
            else next.add(e.key);
            return next;
          })}>
            计入
          </Checkbox>
        ) : null}
        {manual ? (
          <Button size="small" type="link" onClick={() => undo(e.ledger!.row)} style={{ padding: 0 }}>
            撤销人工对应
          </Button>
        ) : null}
      </Space>
    );
  }

  async function doExport() {
    if (!comparison) return;
    await exportReport({ title: ctx.reportTitle, ledger: comparison }, reportFileName(assessment.targetName, 'ledger'));
  }

  function openConfirm() {
    if (!comparison || !outcome || !ledger || !site) return;
    const p = outcome.perSlot;
    setConfirmReq({
      title: '文件公开台账比对',
      sources: [ledger.source, site.source],
      countText: `台账文件 ${comparison.ledgerRows.length} 件；确认计入：网站未公开 ${p['ledger.missing']} 件，与台账不一致 ${p['ledger.inconsistent']} 件，修改/废止/失效未标注 ${p['ledger.unmarked']} 件`,
      feeds: outcome.feeds,
      drafts: ledgerFindingDrafts(comparison, confirmedKeys, options),
    });
  }

  async function write({ createFindings, deadline }: { createFindings: boolean; deadline: string }) {
    if (!comparison || !outcome || !ledger || !site || !confirmReq) return;
    const p = outcome.perSlot;
    const saved = await repo.confirm({
      assessmentId: assessment.id,
      kind: 'ledger',
      fileName: `${ledger.source.fileName}；${site.source.fileName}`,
      fileHash: ledger.source.sha256,
      count: p['ledger.missing'] + p['ledger.inconsistent'] + p['ledger.unmarked'],
      confirmed: [...confirmedKeys],
      feeds: outcome.feeds,
      ruleChoice: { ...choice },
      result: { sources: [ledger.source, site.source], ledger: { comparison } },
      findings: createFindings ? confirmReq.drafts : [],
      deadline,
    });
    setConfirmReq(null);
    setConfirmed({ run: saved.run, findings: saved.findings.length });
    message.success('核查结果已写入');
  }

  const mapState = mapping === 'ledger' ? ledgerImp.state : mapping === 'site' ? siteImp.state : null;
  const mapProposal = mapState ? (mapState.preview?.proposal ?? mapState.help?.proposal ?? null) : null;

  return (
    <div className="pc-tab">
      <Card size="small">
        <div className="pc-rule-grid">
          {LEDGER_SLOTS.map((s) => (
            <label key={s} className="pc-rule-cell">
              <span>
                “{FEED_SLOT_LABELS[s]}”计入规则
              </span>
              <RuleSelect slot={s} value={choice[s]} width="100%" ariaLabel={`${FEED_SLOT_LABELS[s]}计入规则`} onChange={(id) => setChoice((c) => ({ ...c, [s]: id }))} />
            </label>
          ))}
        </div>
      </Card>
      <div className="pc-sides">
        <SideCard title="文件公开台账" state={ledgerImp.state} onPick={() => pick(ledgerImp)} onMap={() => setMapping('ledger')} rows={ledger?.rows.length ?? 0} />
        <SideCard title="网站公开信息" state={siteImp.state} onPick={() => pick(siteImp)} onPaste={() => setPasteOpen(true)} onMap={() => setMapping('site')} rows={site?.rows.length ?? 0} />
      </div>

      {!comparison && ledgerImp.state.status !== 'parsing' && siteImp.state.status !== 'parsing' ? (
        <Card size="small">
          <Empty description="导入被检查单位的《文件公开台账》和网站公开的文件列表（可从网站复制表格粘贴），按文号、标题逐件比对" />
        </Card>
      ) : null}

      {comparison && outcome ? (
        <CheckActionBar
          summary={
            <span data-testid="ledger-count">
              {LEDGER_SLOTS.map((s) => (
                <span key={s} className="pc-actionbar-item">
                  {FEED_SLOT_LABELS[s]} <strong>{outcome.perSlot[s]}</strong> 件{options[s] ? '' : '（不计入）'}
                </span>
              ))}
            </span>
          }
          onExport={doExport}
          exporting={exporting}
          onConfirm={openConfirm}
          confirmDisabled={!comparison.complete}
          confirmHint={`尚有 ${counts?.needsReview ?? 0} 条需要人工确认对应关系`}
        />
      ) : null}
      {confirmed ? <ConfirmedBanner info={confirmed} /> : null}

      {comparison && counts ? (
        <Card size="small" className="pc-result">
          <Space orientation="vertical" size={10} style={{ width: '100%' }}>
            <div className="pc-stats" data-testid="ledger-summary">
              <Stat label="台账文件" value={comparison.ledgerRows.length} />
              <Stat label="网站未公开" value={counts.missing} danger={counts.missing > 0} />
              <Stat label="与台账不一致" value={counts.inconsistent} danger={counts.inconsistent > 0} />
              <Stat label="修改/废止未标注" value={counts.unmarked} danger={counts.unmarked > 0} />
              <Stat label="台账未列入" value={counts.extra} />
              <Stat label="待人工确认" value={counts.needsReview} danger={counts.needsReview > 0} />
            </div>
            {counts.needsReview ? (
              <Alert type="warning" showIcon title={`有 ${counts.needsReview} 条无法自动对应，请在“待人工确认”中逐条选择对应的网站文件或“无匹配”，确认后各类数量自动重算。`} />
            ) : null}
            {comparison.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} />
            ))}
            <Segmented<View> value={view} onChange={setView} options={views.map((v) => ({ value: v.value, label: `${v.label} ${v.n}` }))} />
            <Table<LedgerEntry>
              size="small"
              rowKey="key"
              dataSource={entries}
              pagination={{ pageSize: 6, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
              columns={[
                {
                  title: '台账',
                  width: 290,
                  render: (_, e) =>
                    e.ledger ? (
                      <div>
                        <Typography.Text type="secondary">第{e.ledger.row}行 {e.ledger.docNumber}</Typography.Text>
                        <div>{e.ledger.title}</div>
                        {validityTag(e.ledger.validity, e.ledger.validityText, false)}
                      </div>
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ),
                },
                {
                  title: '网站',
                  width: 290,
                  render: (_, e) =>
                    e.site ? (
                      <div>
                        <Typography.Text type="secondary">第{e.site.row}行 {e.site.docNumber}</Typography.Text>
                        <div>{e.site.rawTitle}</div>
                        {validityTag(e.site.validity, e.site.validityText, true)}
                      </div>
                    ) : (
                      <Typography.Text type="secondary">{e.candidates.length ? `候选 ${e.candidates.length} 条` : '未找到'}</Typography.Text>
                    ),
                },
                {
                  title: '比对结果',
                  render: (_, e) => (
                    <div>
                      <Tag color={e.needsReview ? 'warning' : STATUS_COLORS[e.status]}>{e.needsReview ? '待人工确认' : LEDGER_STATUS_LABELS[e.status]}</Tag>
                      <div style={{ fontSize: 12 }}>{e.message}</div>
                    </div>
                  ),
                },
                { title: '计入 / 人工确认', width: 210, render: (_, e) => actionCell(e) },
              ]}
            />
          </Space>
        </Card>
      ) : null}


      <Modal
        open={pasteOpen}
        title="粘贴网站上的文件列表"
        width={760}
        okText="读取"
        cancelText="取消"
        onCancel={() => setPasteOpen(false)}
        onOk={() => {
          setPasteOpen(false);
          void siteImp.load({ pastedText: pasteText, label: '粘贴的网站表格' });
        }}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">在网站的文件列表页选中整张表格（含表头：文号、标题、发布日期、有效性等）复制，粘贴到下面。</Typography.Text>
          <Input.TextArea aria-label="粘贴的网站表格" rows={12} value={pasteText} onChange={(e) => setPasteText(e.target.value)} placeholder={'发文字号\t文件名称\t发布日期\t有效性\n盘政发〔2024〕1号\t关于……的通知\t2024-01-08\t有效'} />
        </Space>
      </Modal>

      {mapping && mapState && mapProposal ? (
        <MappingModal
          kind={mapping}
          title={mapping === 'ledger' ? '台账列对应' : '网站表格列对应'}
          proposal={mapProposal}
          help={mapState.status === 'error' ? mapState.help : null}
          required={mapping === 'ledger' ? ['docNumber', 'title'] : ['title']}
          onCancel={() => setMapping(null)}
          onApply={async (m) => {
            const err = await (mapping === 'ledger' ? ledgerImp : siteImp).applyMapping(m);
            if (!err) setMapping(null);
            return err;
          }}
        />
      ) : null}
      {confirmReq ? <ConfirmCheckModal request={confirmReq} onCancel={() => setConfirmReq(null)} onConfirm={write} /> : null}
    </div>
  );
}
