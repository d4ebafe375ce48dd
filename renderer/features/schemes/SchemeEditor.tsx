import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Collapse, Form, Input, Result, Space, Spin, Switch, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { TARGET_KINDS, type TargetKind } from '../../../shared/domain/targets';
import { builtinScheme } from '../../../shared/schemes/index';
import type { Scheme } from '../../../shared/scheme/model';
import type { SchemeRow } from '../../db/database';
import { EditorContext, IntField, PointsField, TextField, fieldId, useEditor, useFieldError, type EditorContextValue } from './EditorFields';
import { RuleEditor } from './RuleEditor';
import {
  DEFAULT_GRADES,
  allIds,
  checkDraft,
  draftFromScheme,
  getIn,
  locate,
  moveItem,
  newIndicator,
  newRule,
  newSection,
  parsePath,
  sameDraft,
  setIn,
  uniqueId,
  type DraftIndicator,
  type DraftRule,
  type DraftSection,
  type Path,
  type SchemeDraft,
} from './schemeDraft';
import { useSchemeRepository, type SchemeDraftRecord } from './schemeRepository';
import { chineseNumber, scoringTextMismatch } from './schemeText';
import { TryItPanel } from './TryItPanel';

/** How long typing may pause before the draft is written to this computer. */
export const DRAFT_SAVE_DELAY_MS = 400;

type Loaded = { row: SchemeRow; draft: SchemeDraftRecord | null } | { missing: string };

/** Route /schemes/edit/:id — loads the stored scheme and any unsaved draft once. */
export function SchemeEditorPage() {
  const { id = '' } = useParams();
  const repo = useSchemeRepository();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      if (builtinScheme(id)) return setLoaded({ missing: '内置方案不能直接修改，请先“复制为本单位方案”，再编辑副本。' });
      const row = await repo.getRow(id);
      if (!live) return;
      if (!row || row.deleted) return setLoaded({ missing: '找不到该方案，可能已被删除。' });
      setLoaded({ row, draft: (await repo.getDraft(id)) ?? null });
    })();
    return () => {
      live = false;
    };
  }, [repo, id]);
  if (!loaded) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  if ('missing' in loaded) {
    return <Result status="warning" title="无法编辑" subTitle={loaded.missing} extra={<Button onClick={() => navigate('/schemes')}>返回方案列表</Button>} />;
  }
  return <SchemeEditor key={loaded.row.id} row={loaded.row} savedDraft={loaded.draft} />;
}

export function SchemeEditor({ row, savedDraft }: { row: SchemeRow; savedDraft: SchemeDraftRecord | null }) {
  const repo = useSchemeRepository();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [baseline, setBaseline] = useState<SchemeDraft>(() => draftFromScheme(row.scheme));
  const [storedVersion, setStoredVersion] = useState(row.scheme.version);
  // A stored draft identical to the saved scheme (e.g. written just as it was saved) is ignored.
  const [usable] = useState(() => (savedDraft && !sameDraft(savedDraft.draft, draftFromScheme(row.scheme)) ? savedDraft : null));
  const [draft, setDraft] = useState<SchemeDraft>(() => (usable?.draft as SchemeDraft | undefined) ?? draftFromScheme(row.scheme));
  const [restored] = useState(() => (usable ? { at: usable.savedAt, baseVersion: usable.baseVersion } : null));
  const [tab, setTab] = useState<'info' | 'rules' | 'totals'>('rules');
  const [openIds, setOpenIds] = useState<string[]>(() => (draft.sections[0]?.indicators[0] ? [draft.sections[0].indicators[0].id] : []));
  const [saving, setSaving] = useState(false);
  const [draftWrittenAt, setDraftWrittenAt] = useState<Date | null>(usable ? new Date(usable.savedAt) : null);

  const check = useMemo(() => checkDraft(draft), [draft]);
  const lastValid = useRef<Scheme>(row.scheme);
  if (check.scheme) lastValid.current = check.scheme;
  const dirty = !sameDraft(draft, baseline);

  // --- keep every keystroke: the draft goes to db.meta shortly after typing stops.
  const pending = useRef<(() => Promise<void>) | null>(null);
  const inflight = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const job = pending.current;
    pending.current = null;
    if (job) inflight.current = inflight.current.then(job, job);
    await inflight.current;
  }, []);
  /** Drops a scheduled draft write and waits for one already running. */
  const cancelDraftWrite = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    await inflight.current.catch(() => undefined);
  }, []);
  useEffect(() => {
    const id = row.id;
    const isDirty = !sameDraft(draft, baseline);
    pending.current = async () => {
      if (isDirty) {
        await repo.putDraft(id, storedVersion, draft);
        setDraftWrittenAt(new Date());
      } else {
        await repo.clearDraft(id);
        setDraftWrittenAt(null);
      }
    };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DRAFT_SAVE_DELAY_MS);
  }, [draft, baseline, storedVersion, repo, row.id, flush]);
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [flush]);

  const ctx = useMemo<EditorContextValue>(
    () => ({
      draft,
      errors: check.byPath,
      set: (path, value) => setDraft((d) => setIn(d, path, value)),
      update: (path, fn) => setDraft((d) => setIn(d, path, fn(getIn(d, path) as never))),
    }),
    [draft, check.byPath],
  );

  async function save() {
    if (!check.scheme || saving) return;
    setSaving(true);
    try {
      await cancelDraftWrite();
      const scheme: Scheme = { ...check.scheme, notes: check.scheme.notes.map((n) => n.trim()).filter(Boolean) };
      const saved = await repo.saveEdited(scheme);
      const next = draftFromScheme(saved.scheme);
      setBaseline(next);
      setDraft(next);
      setStoredVersion(saved.scheme.version);
      setDraftWrittenAt(null);
      message.success(`已保存为第${saved.scheme.version}版`);
    } catch (e) {
      message.error({ content: `保存失败：${e instanceof Error ? e.message : String(e)}`, duration: 8 });
    } finally {
      setSaving(false);
    }
  }

  function discard() {
    modal.confirm({
      title: '放弃未保存的修改？',
      content: `将恢复为已保存的第${storedVersion}版，本次修改不可找回。`,
      okText: '放弃修改',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: async () => {
        await cancelDraftWrite();
        setDraft(baseline);
        await repo.clearDraft(row.id);
        setDraftWrittenAt(null);
      },
    });
  }

  // Ctrl+S saves.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function jumpTo(path: string) {
    const where = locate(path);
    setTab(where.tab);
    if (where.section !== undefined && where.indicator !== undefined) {
      const ind = draft.sections[where.section]?.indicators[where.indicator];
      if (ind) setOpenIds((ids) => (ids.includes(ind.id) ? ids : [...ids, ind.id]));
    }
    setTimeout(() => {
      const el = document.getElementById(fieldId(parsePath(path))) ?? document.getElementById(containerId(parsePath(path)));
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.focus({ preventScroll: true });
    }, 250);
  }

  const errorCount = check.errors.length;
  const tabErrors = (t: 'info' | 'rules' | 'totals') => check.errors.filter((e) => locate(e.path).tab === t).length;
  const tabLabel = (t: 'info' | 'rules' | 'totals', label: string) => {
    const n = tabErrors(t);
    return n ? (
      <span>
        {label} <Tag color="error">{n}</Tag>
      </span>
    ) : (
      label
    );
  };

  return (
    <EditorContext.Provider value={ctx}>
      <Form layout="vertical" component={false}>
        <div className="scheme-editor">
          <div className="scheme-editor-bar">
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/schemes')}>
              返回列表
            </Button>
            <div className="scheme-editor-heading">
              <h1 className="page-title" style={{ margin: 0 }}>
                编辑考核方案
              </h1>
              <Typography.Text className="scheme-editor-name" ellipsis={{ tooltip: draft.name }}>
                {draft.name || '（未命名）'}
              </Typography.Text>
            </div>
            <span className="scheme-editor-status" data-testid="editor-status">
              {errorCount > 0 ? (
                <Typography.Text type="danger">有 {errorCount} 处错误</Typography.Text>
              ) : dirty ? (
                <Typography.Text type="warning">
                  有未保存的修改{draftWrittenAt ? `（草稿已暂存 ${draftWrittenAt.toLocaleTimeString('zh-CN', { hour12: false })}）` : ''}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">已保存 · 第{storedVersion}版</Typography.Text>
              )}
            </span>
            <Space>
              <Button onClick={() => navigate(`/schemes/view/${encodeURIComponent(row.id)}`)}>查看</Button>
              <Button disabled={!dirty} onClick={discard}>
                放弃修改
              </Button>
              <Tooltip title={errorCount ? `请先改正 ${errorCount} 处错误` : !dirty ? '没有需要保存的修改' : '保存（Ctrl+S），版本号加1'}>
                <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={errorCount > 0 || !dirty} onClick={save}>
                  保存
                </Button>
              </Tooltip>
            </Space>
          </div>
          <Alert
            type="info"
            showIcon
            className="scheme-editor-note"
            title={
              <span>
                <strong>已开始的检查任务使用创建时的方案副本，修改不影响其评分。</strong>
                当前为第{storedVersion}版，保存后为第{storedVersion + 1}版；未保存的修改自动暂存在本机，刷新或关闭后不会丢失。
              </span>
            }
          />
          {restored && dirty && (
            <Alert
              type="warning"
              showIcon
              className="scheme-editor-note"
              title={`已恢复上次未保存的修改（暂存于 ${new Date(restored.at).toLocaleString('zh-CN', { hour12: false })}）。${
                restored.baseVersion !== storedVersion
                  ? `这些修改基于第${restored.baseVersion}版，方案现为第${storedVersion}版，保存将以这些修改为准。`
                  : '确认无误后请点击“保存”，不需要时可点击“放弃修改”。'
              }`}
            />
          )}
          {errorCount > 0 && (
            <Alert
              type="error"
              showIcon
              className="scheme-editor-note scheme-editor-errors"
              data-testid="editor-errors"
              title={
                <div>
                  <div>共 {errorCount} 处需要改正，改正后才能保存（点击可定位）：</div>
                  <ol className="scheme-error-list scheme-error-list-scroll">
                    {check.errors.map((e, i) => (
                      <li key={`${e.path}|${i}`}>
                        <a onClick={() => jumpTo(e.path)}>{e.message}</a>
                      </li>
                    ))}
                  </ol>
                </div>
              }
            />
          )}
          <div className="scheme-editor-grid">
            <div className="scheme-editor-main">
              <Card size="small">
                <Tabs
                  activeKey={tab}
                  onChange={(k) => setTab(k as typeof tab)}
                  items={[
                    { key: 'info', label: tabLabel('info', '基本信息'), children: <InfoTab scheme={row.scheme} version={storedVersion} /> },
                    { key: 'rules', label: tabLabel('rules', '节、指标与评分规则'), children: <SectionsTab openIds={openIds} setOpenIds={setOpenIds} /> },
                    { key: 'totals', label: tabLabel('totals', '总分与等次'), children: <TotalsTab /> },
                  ]}
                />
              </Card>
            </div>
            <div className="scheme-editor-side">
              <TryItPanel scheme={check.scheme ?? lastValid.current} stale={!check.scheme} />
            </div>
          </div>
        </div>
      </Form>
    </EditorContext.Provider>
  );
}

/** DOM id of a section, indicator or rule block, for jumping to an error that names the container. */
function containerId(path: Path): string {
  const parts: Path = [];
  for (let i = 0; i < path.length; i += 2) {
    if (typeof path[i + 1] !== 'number') break;
    parts.push(path[i], path[i + 1]);
  }
  return `block-${fieldId(parts)}`;
}

// --- 基本信息 -----------------------------------------------------------------

function InfoTab({ scheme, version }: { scheme: Scheme; version: number }) {
  const { draft, set } = useEditor();
  const kindsError = useFieldError(['targetKinds']);
  return (
    <div>
      <TextField label="方案名称" path={['name']} required />
      <div className="field-grid-year">
        <IntField label="年度" path={['year']} min={2000} max={2100} />
        <TextField label="发布单位" path={['issuer']} placeholder="如：盘锦市政府办公室" />
      </div>
      <Form.Item label="适用对象" required validateStatus={kindsError ? 'error' : undefined} help={kindsError}>
        <Checkbox.Group<TargetKind>
          value={draft.targetKinds}
          options={TARGET_KINDS.map((k) => ({ value: k, label: k }))}
          onChange={(v) => set(['targetKinds'], TARGET_KINDS.filter((k) => v.includes(k)))}
        />
      </Form.Item>
      <TextField label="说明" path={['description']} rows={3} />
      <TextField label="来源" path={['source']} rows={2} placeholder="依据的文件名称、文号" />
      <NotesField />
      <Typography.Text type="secondary">已保存版本：第{version}版</Typography.Text>
      <details className="zw-details" data-testid="scheme-details">
        <summary>详细信息</summary>
        方案编号（导入、导出和同步时用来识别同一方案，不必填写）：<span className="zw-num">{scheme.id}</span>
      </details>
    </div>
  );
}

function NotesField() {
  const { draft, set } = useEditor();
  return (
    <Form.Item label="修订说明" extra="每行一条，如对原文错字、缺字的修正说明。" htmlFor={fieldId(['notes'])}>
      <Input.TextArea id={fieldId(['notes'])} autoSize={{ minRows: 3, maxRows: 12 }} value={draft.notes.join('\n')} onChange={(e) => set(['notes'], e.target.value.split('\n'))} />
    </Form.Item>
  );
}

// --- 节、指标与评分规则 ----------------------------------------------------------

function SectionsTab({ openIds, setOpenIds }: { openIds: string[]; setOpenIds: (f: (ids: string[]) => string[]) => void }) {
  const { draft, update } = useEditor();
  const addSection = () =>
    update<DraftSection[]>(['sections'], (list) => {
      const used = allIds(draft);
      const sid = uniqueId(used, 's');
      used.add(sid);
      const iid = uniqueId(used, `${sid}.i`);
      used.add(iid);
      return [...list, newSection(sid, iid, uniqueId(used, `${iid}.r`))];
    });
  return (
    <div className="sections-editor">
      {draft.sections.map((s, si) => (
        <SectionEditor key={s.id} section={s} index={si} count={draft.sections.length} openIds={openIds} setOpenIds={setOpenIds} />
      ))}
      <Button icon={<PlusOutlined />} onClick={addSection}>
        添加一节
      </Button>
    </div>
  );
}

function ReorderButtons({ what, index, count, path, onRemove }: { what: string; index: number; count: number; path: Path; onRemove: () => void }) {
  const { update } = useEditor();
  return (
    <span className="reorder-buttons" onClick={(e) => e.stopPropagation()}>
      <Tooltip title="上移">
        <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`上移${what}`} disabled={index === 0} onClick={() => update<unknown[]>(path, (l) => moveItem(l, index, -1))} />
      </Tooltip>
      <Tooltip title="下移">
        <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`下移${what}`} disabled={index === count - 1} onClick={() => update<unknown[]>(path, (l) => moveItem(l, index, 1))} />
      </Tooltip>
      <Tooltip title={`删除此${what}`}>
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除${what}`} onClick={onRemove} />
      </Tooltip>
    </span>
  );
}

function countErrors(errors: Map<string, string>, prefix: string): number {
  let n = 0;
  for (const k of errors.keys()) if (k === prefix || k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`)) n++;
  return n;
}

function SectionEditor({
  section,
  index,
  count,
  openIds,
  setOpenIds,
}: {
  section: DraftSection;
  index: number;
  count: number;
  openIds: string[];
  setOpenIds: (f: (ids: string[]) => string[]) => void;
}) {
  const { draft, errors, update } = useEditor();
  const { modal } = App.useApp();
  const path: Path = ['sections', index];
  const indicatorsPath: Path = [...path, 'indicators'];
  const listError = useFieldError(indicatorsPath);
  const ids = section.indicators.map((i) => i.id);
  const removeSection = () =>
    modal.confirm({
      title: `删除第${chineseNumber(index + 1)}节「${section.title}」？`,
      content: `本节 ${section.indicators.length} 项指标及其评分规则将一并删除（保存前可“放弃修改”恢复）。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => update<DraftSection[]>(['sections'], (l) => l.filter((_, i) => i !== index)),
    });
  const addIndicator = () => {
    const used = allIds(draft);
    const iid = uniqueId(used, `${section.id}.i`);
    used.add(iid);
    const ind = newIndicator(iid, uniqueId(used, `${iid}.r`));
    update<DraftIndicator[]>(indicatorsPath, (l) => [...l, ind]);
    setOpenIds((o) => [...o, iid]);
  };
  return (
    <Card
      size="small"
      className="section-editor"
      id={`block-${fieldId(path)}`}
      title={`第${chineseNumber(index + 1)}节`}
      extra={<ReorderButtons what="节" index={index} count={count} path={['sections']} onRemove={removeSection} />}
    >
      <TextField label="节名称" path={[...path, 'title']} rows={1} required />
      <div className="field-grid">
        <PointsField label="本节减分上限" path={[...path, 'deductionCap']} optional />
        <PointsField label="本节加分上限" path={[...path, 'bonusCap']} optional />
      </div>
      <Collapse
        className="indicator-collapse"
        activeKey={openIds.filter((id) => ids.includes(id))}
        onChange={(keys) => {
          const next = (Array.isArray(keys) ? keys : [keys]).map(String);
          setOpenIds((o) => [...o.filter((id) => !ids.includes(id)), ...next]);
        }}
        items={section.indicators.map((ind, n) => {
          const ip: Path = [...indicatorsPath, n];
          const errs = countErrors(errors, `sections[${index}].indicators[${n}]`);
          return {
            key: ind.id,
            label: (
              <span className="indicator-label" id={`block-${fieldId(ip)}`}>
                {n + 1}. {ind.title || '（未命名指标）'}
                <Tag style={{ marginInlineStart: 8 }}>{ind.rules.length} 条规则</Tag>
                {errs > 0 && <Tag color="error">{errs} 处错误</Tag>}
              </span>
            ),
            extra: (
              <ReorderButtons
                what="指标"
                index={n}
                count={section.indicators.length}
                path={indicatorsPath}
                onRemove={() =>
                  modal.confirm({
                    title: `删除指标「${ind.title}」？`,
                    content: `其 ${ind.rules.length} 条评分规则将一并删除（保存前可“放弃修改”恢复）。`,
                    okText: '删除',
                    okButtonProps: { danger: true },
                    cancelText: '取消',
                    onOk: () => update<DraftIndicator[]>(indicatorsPath, (l) => l.filter((_, i) => i !== n)),
                  })
                }
              />
            ),
            children: <IndicatorEditor indicator={ind} path={ip} />,
          };
        })}
      />
      {listError && <Typography.Text type="danger">{listError}</Typography.Text>}
      <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={addIndicator}>
        添加指标
      </Button>
    </Card>
  );
}

/** Says so when the source wording names amounts the rules no longer use (after an edit of a copy). */
function ScoringTextCheck({ indicator }: { indicator: DraftIndicator }) {
  const stale = scoringTextMismatch(indicator);
  if (stale.length === 0 || !indicator.scoringText.trim()) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="scoring-text-stale"
      title={`原文表述中的 ${stale.map((a) => `${a}分`).join('、')} 与现行评分规则不一致：计分以评分规则为准。如需打印本单位的表述，请同时修改原文表述。`}
    />
  );
}

function IndicatorEditor({ indicator, path }: { indicator: DraftIndicator; path: Path }) {
  const { draft, update } = useEditor();
  const rulesPath: Path = [...path, 'rules'];
  const rulesError = useFieldError(rulesPath);
  const addRule = () => {
    const id = uniqueId(allIds(draft), `${indicator.id}.r`);
    update<DraftRule[]>(rulesPath, (l) => [...l, newRule('occurrence', id)]);
  };
  return (
    <div>
      <div className="field-grid-title">
        <TextField label="指标名称" path={[...path, 'title']} required />
        <PointsField label="指标满分" path={[...path, 'weight']} optional tooltip="百分制指标填本项满分；减分指标填写后最多扣到此分值（扣完为止）；不限则留空" />
        <PointsField label="指标加分上限" path={[...path, 'bonusCap']} optional />
      </div>
      <TextField label="考核内容" path={[...path, 'content']} rows={2} />
      <TextField label="考核方式" path={[...path, 'method']} rows={2} />
      <TextField
        label="评分方式（原文表述）"
        path={[...path, 'scoringText']}
        rows={2}
        hint="照录实施细则原文，供对照和打印；计分以下方的评分规则为准，修改规则的分值不会改写这段文字。"
      />
      <ScoringTextCheck indicator={indicator} />
      <div className="rules-title">评分规则</div>
      {indicator.rules.map((r, k) => (
        <RuleEditor key={r.id} path={[...rulesPath, k]} index={k} count={indicator.rules.length} />
      ))}
      {rulesError && <Typography.Text type="danger">{rulesError}</Typography.Text>}
      <Button size="small" icon={<PlusOutlined />} onClick={addRule}>
        添加规则
      </Button>
    </div>
  );
}

// --- 总分与等次 -----------------------------------------------------------------

function TotalsTab() {
  const { draft, set, update } = useEditor();
  const grades = draft.grades;
  const gradesError = useFieldError(['grades']);
  return (
    <div>
      <Typography.Paragraph type="secondary">
        计分顺序：先按各条规则及其上限计分，再按指标满分（扣完为止）和加分上限、节的上限，最后全部减分按“最高减分”封顶、加分按“最高加分”封顶，净得分限定在“得分下限”至“得分上限”之间。如“最高减5分，在减分框架内加分”填写：最高减分 5，得分下限 −5，得分上限 0。
      </Typography.Paragraph>
      <div className="field-grid">
        <PointsField label="基础分" path={['totals', 'base']} tooltip="起始分，减分制、百分制均为 0" />
        <PointsField label="最高减分" path={['totals', 'deductionCap']} optional />
        <PointsField label="最高加分" path={['totals', 'bonusCap']} optional />
        <PointsField label="得分下限" path={['totals', 'min']} optional />
        <PointsField label="得分上限" path={['totals', 'max']} optional />
      </div>
      <div className="rules-title">
        等次
        <Switch
          size="small"
          style={{ marginInlineStart: 12 }}
          checked={grades !== null}
          onChange={(on) => set(['grades'], on ? DEFAULT_GRADES : null)}
          aria-label="评定等次"
        />
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
          {grades ? '按最终得分评定等次，从高到低填写各等次的最低分（含）；最后一个等次留空。' : '不评定等次'}
        </Typography.Text>
      </div>
      {grades && (
        <div className="grades-editor" id="block-grades">
          {grades.map((g, n) => {
            const last = n === grades.length - 1;
            return (
              <div key={n} className="grade-row">
                <TextField label={`等次${n + 1}`} path={['grades', n, 'label']} />
                {last && g.min === null ? (
                  <Form.Item label="最低分">
                    <Input disabled value={n > 0 && grades[n - 1].min ? `低于 ${grades[n - 1].min} 分` : '其余'} />
                  </Form.Item>
                ) : (
                  <PointsField label="最低分（含）" path={['grades', n, 'min']} optional={last} />
                )}
                <ReorderButtons
                  what="等次"
                  index={n}
                  count={grades.length}
                  path={['grades']}
                  onRemove={() => update<NonNullable<SchemeDraft['grades']>>(['grades'], (l) => l.filter((_, i) => i !== n))}
                />
              </div>
            );
          })}
          {gradesError && <Typography.Text type="danger">{gradesError}</Typography.Text>}
          <Space>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                update<NonNullable<SchemeDraft['grades']>>(['grades'], (l) => {
                  // Insert above the last (open-ended) band.
                  const copy = l.slice();
                  copy.splice(Math.max(0, copy.length - 1), 0, { label: '', min: '' });
                  return copy;
                })
              }
            >
              添加等次
            </Button>
            <Button size="small" onClick={() => set(['grades'], DEFAULT_GRADES)}>
              恢复默认（90/80/60）
            </Button>
          </Space>
        </div>
      )}
    </div>
  );
}
