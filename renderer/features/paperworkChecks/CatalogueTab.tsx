import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MappingProposal } from '../../../shared/checks/columns';
import {
  CATALOGUE_NEEDED,
  CATALOGUE_PRESETS,
  CATALOGUE_PROBLEM_CODES,
  CATALOGUE_PROBLEM_LABELS,
  checkCatalogue,
  type CatalogueCountUnit,
  type CatalogueElementReport,
  type CataloguePresetId,
  type CataloguePreview,
  type CatalogueProblem,
  type CatalogueProblemCode,
  type CatalogueRowReport,
} from '../../../shared/checks/catalogue';
import { getPlatform } from '../../platform';
import { runCheckJobOffThread } from './checkJobs';
import { CheckActionBar, ImportProgress, RuleSelect, SourceLine, SPREADSHEET_FILTERS, Stat, useCheckContext } from './components';
import { ConfirmCheckModal, type ConfirmRequest } from './ConfirmCheckModal';
import { ConfirmedBanner, type ConfirmedInfo } from './ConfirmedBanner';
import { MappingModal } from './MappingModal';
import { catalogueFindingDrafts, catalogueOutcome, COUNT_UNIT_LABELS } from './outcomes';
import { reportFileName } from './reports';
import { useReportExport } from './useReportExport';
import { initialRule } from './ruleChoice';
import { useTableImport, type PreviewFn } from './useTableImport';

const PRESET_IDS = Object.keys(CATALOGUE_PRESETS) as CataloguePresetId[];

const CODE_COLORS: Record<CatalogueProblemCode, string> = {
  MISSING_COLUMN: 'magenta',
  MISSING_ELEMENT: 'red',
  PLACEHOLDER: 'volcano',
  NO_TIME_EXPRESSION: 'orange',
  TIME_LIMIT_AMBIGUOUS: 'orange',
  NO_LEGAL_BASIS: 'gold',
  DUPLICATE: 'purple',
};

/** Where an element was found, for the element table. */
function whereText(e: CatalogueElementReport): string {
  if (e.source === 'column') return `${e.columns}列「${e.header ?? ''}」`;
  if (e.source === 'inferred') return `取自目录：${e.value ?? ''}`;
  return '无此列';
}

/** The mapping proposal as the preview really read the columns (after judging them by their values). */
function proposalAsRead(preview: CataloguePreview): MappingProposal {
  return {
    ...preview.proposal,
    fields: preview.proposal.fields.map((f) => {
      const rf = preview.columns[f.field as keyof CataloguePreview['columns']];
      return rf ? { ...f, columns: rf.columns, letters: rf.letters, header: rf.header, confidence: f.confidence === 'none' ? 'partial' : f.confidence } : { ...f, columns: [], letters: '', header: null };
    }),
  };
}

/** An item's name: its lowest level, with the levels above it. */
function ItemName({ r }: { r: CatalogueRowReport }) {
  if (!r.values.itemName) return <Typography.Text type="secondary">（未填写）</Typography.Text>;
  const path = r.itemPath ?? [];
  if (path.length < 2) return <>{r.values.itemName}</>;
  return (
    <div className="pc-item-path">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {path.slice(0, -1).join('／')}
      </Typography.Text>
      <div>{path[path.length - 1]}</div>
    </div>
  );
}

/** The count unit that matches a rule's counting word (每发现1家 → per catalogue; 每处/每项 → per row). */
function unitForRuleWord(word: string | null): CatalogueCountUnit {
  if (word && /^(处|项|条|个)$/.test(word)) return 'row';
  return 'catalogue';
}

export function CatalogueTab() {
  const ctx = useCheckContext();
  const { repo, ruleOptions, remembered, assessment } = ctx;
  const { message } = App.useApp();
  const [preset, setPreset] = useState<CataloguePresetId>('panjin2024');
  const [ruleId, setRuleId] = useState<string | null>(() => initialRule(ruleOptions, 'catalogue', remembered.catalogue?.catalogue));
  const rule = ruleOptions.find((o) => o.ruleId === ruleId) ?? null;
  const [countUnit, setCountUnit] = useState<CatalogueCountUnit>(() => unitForRuleWord(rule?.rule.kind === 'occurrence' ? rule.rule.unit : null));
  const [mappingOpen, setMappingOpen] = useState(false);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [codes, setCodes] = useState<CatalogueProblemCode[]>([]);
  const [onlyProblems, setOnlyProblems] = useState(true);
  const [confirmReq, setConfirmReq] = useState<ConfirmRequest | null>(null);
  const [confirmed, setConfirmed] = useState<ConfirmedInfo | null>(null);
  const { exporting, exportReport } = useReportExport();

  const run = useCallback<PreviewFn<CataloguePreview>>(
    (input, mapping, sheetName, signal) => runCheckJobOffThread({ op: 'catalogue', input, options: { required: preset, mapping, sheetName } }, signal),
    [preset],
  );
  const imp = useTableImport('catalogue', repo, run);
  const { state } = imp;
  const preview = state.status === 'ready' ? state.preview : null;

  useEffect(() => {
    setExcluded(new Set());
    setConfirmed(null);
    if (preview?.needsMapping) setMappingOpen(true);
  }, [preview]);

  const report = useMemo(() => (preview ? checkCatalogue(preview, { required: preset }) : null), [preview, preset]);
  const confirmedIds = useMemo(() => new Set(report ? report.problems.filter((p) => !excluded.has(p.id)).map((p) => p.id) : []), [report, excluded]);
  const outcome = useMemo(() => (report ? catalogueOutcome(report, confirmedIds, countUnit, rule) : null), [report, confirmedIds, countUnit, rule]);

  useEffect(() => {
    if (report) setOnlyProblems(report.summary.problems > 0);
  }, [report]);

  async function pick() {
    try {
      const [file] = await getPlatform().pickFiles({ filters: SPREADSHEET_FILTERS });
      if (file) await imp.load({ bytes: file.bytes, fileName: file.name });
    } catch (e) {
      message.error(`无法打开文件：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  function toggle(id: string, on: boolean) {
    setExcluded((prev) => {
      const next = new Set(prev);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const rowProblems = (r: CatalogueRowReport) => (codes.length ? r.problems.filter((p) => codes.includes(p.code)) : r.problems);
  const rows = report ? report.rows.filter((r) => (!onlyProblems && !codes.length) || rowProblems(r).length > 0) : [];
  const missingColumns = report ? report.problems.filter((p) => p.code === 'MISSING_COLUMN') : [];

  function problemLine(p: CatalogueProblem) {
    return (
      <div key={p.id} className="pc-problem">
        <Checkbox checked={!excluded.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} aria-label={`计入：第${p.row}行 ${p.message}`}>
          计入
        </Checkbox>
        <Tag color={CODE_COLORS[p.code]}>{CATALOGUE_PROBLEM_LABELS[p.code]}</Tag>
        <span>
          {p.column ? <Typography.Text type="secondary">{p.column}列 </Typography.Text> : null}
          {p.message}
        </span>
      </div>
    );
  }

  async function doExport() {
    if (!report) return;
    await exportReport({ title: ctx.reportTitle, catalogue: { report, confirmedProblemIds: [...confirmedIds], countUnit } }, reportFileName(assessment.targetName, 'catalogue'));
  }

  function openConfirm() {
    if (!report || !outcome) return;
    setConfirmReq({
      title: '主动公开事项目录检查',
      sources: [report.source],
      countText: `检查事项 ${report.summary.rowsChecked} 项，确认问题 ${outcome.confirmedProblems} 处，${COUNT_UNIT_LABELS[countUnit]}：${outcome.count}`,
      feeds: outcome.feeds,
      drafts: catalogueFindingDrafts(report, confirmedIds, preset, rule),
    });
  }

  async function write({ createFindings, deadline }: { createFindings: boolean; deadline: string }) {
    if (!report || !outcome || !confirmReq) return;
    const saved = await repo.confirm({
      assessmentId: assessment.id,
      kind: 'catalogue',
      fileName: report.source.fileName,
      fileHash: report.source.sha256,
      count: outcome.count,
      confirmed: [...confirmedIds],
      feeds: outcome.feeds,
      ruleChoice: { catalogue: ruleId },
      result: { sources: [report.source], catalogue: { report, preset, countUnit, mapping: state.mapping } },
      findings: createFindings ? confirmReq.drafts : [],
      deadline,
    });
    setConfirmReq(null);
    setConfirmed({ run: saved.run, findings: saved.findings.length });
    message.success('核查结果已写入');
  }

  const proposal = preview ? proposalAsRead(preview) : (state.help?.proposal ?? null);

  return (
    <div className="pc-tab">
      <Card size="small">
        <div className="pc-toolbar">
          <label className="pc-field">
            <span>目录要素标准</span>
            <Select aria-label="目录要素标准" style={{ width: 420 }} value={preset} onChange={setPreset} options={PRESET_IDS.map((id) => ({ value: id, label: CATALOGUE_PRESETS[id].label }))} popupMatchSelectWidth={false} />
          </label>
          <label className="pc-field">
            <span>计数方式</span>
            <Select aria-label="计数方式" style={{ width: 230 }} value={countUnit} onChange={setCountUnit} options={(Object.keys(COUNT_UNIT_LABELS) as CatalogueCountUnit[]).map((u) => ({ value: u, label: COUNT_UNIT_LABELS[u] }))} />
          </label>
        </div>
        <div className="pc-toolbar" style={{ marginTop: 8 }}>
          <label className="pc-field">
            <span>计入规则</span>
            <RuleSelect
              slot="catalogue"
              value={ruleId}
              width={560}
              onChange={(id) => {
                setRuleId(id);
                const r = ruleOptions.find((o) => o.ruleId === id);
                setCountUnit(unitForRuleWord(r?.rule.kind === 'occurrence' ? r.rule.unit : null));
              }}
            />
          </label>
          <Button type="primary" icon={<UploadOutlined />} onClick={pick} loading={state.status === 'parsing'} style={{ marginLeft: 'auto' }}>
            导入目录文件
          </Button>
        </div>
      </Card>

      {state.status === 'idle' ? (
        <Card size="small">
          <Empty description="导入被检查单位的主动公开事项目录（.xlsx / .xls / .csv），按所选标准逐项检查要素是否齐全、规范" />
        </Card>
      ) : null}
      <ImportProgress state={state} onMap={() => setMappingOpen(true)} onCancel={imp.cancel} />

      {report && outcome ? (
        <CheckActionBar
          summary={
            <span data-testid="catalogue-count">
              {rule ? (
                <>
                  计入「{rule.rule.text}」：<strong>{outcome.count}</strong> {rule.rule.kind === 'occurrence' ? rule.rule.unit : rule.rule.kind === 'fixed' ? (outcome.count > 0 ? '（存在该情形）' : '（不存在该情形）') : ''}
                </>
              ) : (
                '未选择计入的规则'
              )}
            </span>
          }
          onExport={doExport}
          exporting={exporting}
          onConfirm={openConfirm}
        />
      ) : null}
      {confirmed ? <ConfirmedBanner info={confirmed} /> : null}

      {report && preview ? (
        <Card size="small" className="pc-result">
          <Space orientation="vertical" size={10} style={{ width: '100%' }}>
            <div className="pc-source-row">
              <SourceLine source={report.source} extra={<Typography.Text type="secondary">表头第{report.headerRow}行，读取事项 {report.summary.rowsChecked} 项</Typography.Text>} />
              <Button size="small" onClick={() => setMappingOpen(true)}>
                调整列对应
              </Button>
            </div>
            {state.recalled ? (
              <div className="pc-mapping-tags">
                <Tag color="blue">已套用上次保存的列对应</Tag>
              </div>
            ) : null}
            <div className="pc-stats" data-testid="catalogue-summary">
              <Stat label="检查事项" value={report.summary.rowsChecked} />
              <Stat label="存在问题的事项" value={report.summary.rowsWithProblems} danger={report.summary.rowsWithProblems > 0} />
              <Stat label="发现问题" value={report.summary.problems} danger={report.summary.problems > 0} />
              <Stat label="确认计入的问题" value={outcome?.confirmedProblems ?? 0} />
              <Stat label={`计入数量（${COUNT_UNIT_LABELS[countUnit].replace(/（.*$/, '')}）`} value={outcome?.count ?? 0} strong />
            </div>
            {report.elements ? (
              <div data-testid="catalogue-elements" className="pc-elements">
              <Table<CatalogueElementReport>
                size="small"
                bordered
                rowKey="element"
                pagination={false}
                dataSource={report.elements.filter((e) => e.required || e.source !== 'none')}
                columns={[
                  {
                    title: '要素',
                    width: 132,
                    render: (_, e) => (
                      <Space size={4} style={{ whiteSpace: 'nowrap' }}>
                        <span>{e.label}</span>
                        {e.required ? <Tag color="red">必需</Tag> : null}
                      </Space>
                    ),
                  },
                  {
                    title: '所在列',
                    width: 210,
                    render: (_, e) => <Typography.Text type={e.source === 'none' ? (e.required ? 'danger' : 'secondary') : undefined}>{whereText(e)}</Typography.Text>,
                  },
                  { title: '缺少的事项', width: 90, align: 'right', render: (_, e) => (e.rowsLacking ? <Typography.Text type={e.required ? 'danger' : 'secondary'}>{e.rowsLacking}</Typography.Text> : <Typography.Text type="success">0</Typography.Text>) },
                  {
                    title: '结论',
                    render: (_, e) =>
                      e.conclusions.length ? (
                        <ul className="pc-conclusions">
                          {e.conclusions.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      ) : (
                        <Typography.Text type="secondary">{e.manual ? '按人工指定的列读取' : '按表头读取'}</Typography.Text>
                      ),
                  },
                ]}
              />
              </div>
            ) : null}
            {report.elements?.some((e) => !e.required && e.source === 'none') ? (
              <Typography.Text type="secondary" data-testid="catalogue-absent-optional">
                标准未要求、目录中也没有的要素：{report.elements.filter((e) => !e.required && e.source === 'none').map((e) => `「${e.label}」`).join('')}
              </Typography.Text>
            ) : null}
            {preview.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} />
            ))}
            <div className="pc-filter-row">
              <span>按问题类型筛选：</span>
              {CATALOGUE_PROBLEM_CODES.filter((c) => report.summary.byCode[c] > 0).map((c) => (
                <Tag.CheckableTag key={c} checked={codes.includes(c)} onChange={(on) => setCodes((prev) => (on ? [...prev, c] : prev.filter((x) => x !== c)))}>
                  {CATALOGUE_PROBLEM_LABELS[c]} {report.summary.byCode[c]}
                </Tag.CheckableTag>
              ))}
              {report.summary.problems === 0 ? <Typography.Text type="success">未发现问题</Typography.Text> : null}
              <span style={{ marginLeft: 'auto' }}>
                <Switch size="small" checked={onlyProblems} onChange={setOnlyProblems} aria-label="只看有问题的事项" /> 只看有问题的事项
              </span>
              <Button size="small" onClick={() => setExcluded(new Set())}>
                全部计入
              </Button>
              <Button size="small" onClick={() => setExcluded(new Set(report.problems.map((p) => p.id)))}>
                全部不计入
              </Button>
            </div>
            {missingColumns.length ? (
              <Alert type="error" showIcon title="目录缺少要素列（涉及全部事项）" description={<div>{missingColumns.map(problemLine)}</div>} />
            ) : null}
            <Table<CatalogueRowReport>
              size="small"
              rowKey="row"
              dataSource={rows}
              pagination={{ pageSize: 8, showSizeChanger: false, showTotal: (n) => `共 ${n} 项` }}
              locale={{ emptyText: '没有符合筛选条件的事项' }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 64 },
                { title: '事项名称', width: 200, render: (_, r) => <ItemName r={r} /> },
                { title: '公开内容', width: 220, ellipsis: true, render: (_, r) => r.values.content },
                {
                  title: '检查结果',
                  render: (_, r) => {
                    const list = rowProblems(r).filter((p) => p.code !== 'MISSING_COLUMN');
                    return list.length ? list.map(problemLine) : <Typography.Text type="success">符合要求</Typography.Text>;
                  },
                },
              ]}
            />
            {preview.skipped.length ? (
              <Typography.Text type="secondary">
                未作为事项检查的行：{preview.skipped.slice(0, 8).map((s) => `第${s.row}行（${s.message}）`).join('；')}
                {preview.skipped.length > 8 ? `等 ${preview.skipped.length} 行` : ''}
              </Typography.Text>
            ) : null}
          </Space>
        </Card>
      ) : null}


      {mappingOpen && proposal ? (
        <MappingModal
          kind="catalogue"
          title="目录列对应"
          proposal={proposal}
          help={state.status === 'error' ? state.help : null}
          required={CATALOGUE_NEEDED}
          multiple={['itemName']}
          shareable={[['channel', 'method']]}
          absentByDefault
          intro={preview?.needsMapping ? '未能在表格中找到事项名称所在的列，请指定（多级目录可选多列）；其余要素已按表头和内容自动识别，未找到的按“无此列”处理。' : undefined}
          onCancel={() => setMappingOpen(false)}
          onApply={async (mapping) => {
            const err = await imp.applyMapping(mapping);
            if (!err) setMappingOpen(false);
            return err;
          }}
        />
      ) : null}
      {confirmReq ? <ConfirmCheckModal request={confirmReq} onCancel={() => setConfirmReq(null)} onConfirm={write} /> : null}
    </div>
  );
}
