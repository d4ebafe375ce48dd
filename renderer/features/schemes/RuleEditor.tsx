import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tooltip, Typography } from 'antd';
import { LAG_UNIT_LABELS, RULE_KINDS, buildSchemeSchemas, type Rule, type RuleFeed, type RuleKind } from '../../../shared/scheme/model';
import { ruleExplanationTemplate } from '../../../shared/scoring/explain';
import { IntField, PointsField, SelectField, TextField, fieldId, useEditor, useFieldError } from './EditorFields';
import { getIn, moveItem, newRule, type DraftRating, type DraftRule, type Path } from './schemeDraft';
import { KIND_LABEL } from './schemeText';

const FILE_RULE = buildSchemeSchemas('decimal').rule;

/** The one-line template of a draft rule, or null while the rule has errors. */
export function draftTemplate(rule: DraftRule): string | null {
  const r = FILE_RULE.safeParse(rule);
  return r.success ? ruleExplanationTemplate(r.data as Rule) : null;
}

const KIND_HELP: Record<RuleKind, string> = {
  fixed: '有或无，固定分值',
  occurrence: '每发现一次（件、家）计分',
  range: '在范围内酌情取值，需写理由',
  lag: '两个日期相隔超过时限的，每件计分',
  phone: '按季度拨测联系电话',
  weighted: '百分制，按实际得分',
  rating: '社会评议，按选项得分',
};
const KIND_OPTIONS = RULE_KINDS.map((k) => ({ value: k, label: `${KIND_LABEL[k]}（${KIND_HELP[k]}）` }));
const DIRECTION_OPTIONS = [
  { value: 'deduct' as const, label: '减分' },
  { value: 'bonus' as const, label: '加分' },
];
const LAG_UNIT_OPTIONS = (['calendarDays', 'workingDays', 'months'] as const).map((u) => ({
  value: u,
  label: u === 'calendarDays' ? '日（自然日）' : u === 'workingDays' ? '工作日（按节假日安排）' : LAG_UNIT_LABELS[u],
}));
const FEED_OPTIONS: { value: RuleFeed | 'none'; label: string }[] = [
  { value: 'none', label: '无（检查时录入次数）' },
  { value: 'rectificationRequired', label: '书面要求整改的问题数' },
  { value: 'notRectified', label: '未按要求整改的问题数' },
];

/** One rule of an indicator: kind, condition, kind-specific settings, note and its one-line template. */
export function RuleEditor({ path, index, count }: { path: Path; index: number; count: number }) {
  const { draft, set, update } = useEditor();
  const rulesPath = path.slice(0, -1);
  const rule = getIn(draft, path) as DraftRule;
  const template = draftTemplate(rule);
  const p = (key: string): Path => [...path, key];

  return (
    <div className="rule-editor" id={`rule-${fieldId(path)}`}>
      <div className="rule-editor-head">
        <span className="rule-editor-no">规则 {index + 1}</span>
        <Select<RuleKind>
          aria-label={`规则${index + 1}类型`}
          size="small"
          value={rule.kind}
          style={{ width: 270 }}
          options={KIND_OPTIONS}
          onChange={(kind) => set(path, newRule(kind, rule.id, rule))}
        />
        <span className="rule-editor-tools">
          <Tooltip title="上移">
            <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="上移规则" disabled={index === 0} onClick={() => update<DraftRule[]>(rulesPath, (l) => moveItem(l, index, -1))} />
          </Tooltip>
          <Tooltip title="下移">
            <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="下移规则" disabled={index === count - 1} onClick={() => update<DraftRule[]>(rulesPath, (l) => moveItem(l, index, 1))} />
          </Tooltip>
          <Tooltip title="删除此规则">
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除规则" onClick={() => update<DraftRule[]>(rulesPath, (l) => l.filter((_, i) => i !== index))} />
          </Tooltip>
        </span>
      </div>
      <TextField label="扣分或加分情形" path={p('text')} rows={1} required placeholder="如：未编制本地区主动公开事项目录" />
      <div className="field-grid">
        {'direction' in rule && <SelectField label="加减" path={p('direction')} options={DIRECTION_OPTIONS} />}
        {(rule.kind === 'fixed' || rule.kind === 'occurrence' || rule.kind === 'lag') && (
          <PointsField label={rule.kind === 'fixed' ? '分值' : `每${rule.unit || '件'}分值`} path={p('points')} />
        )}
        {(rule.kind === 'occurrence' || rule.kind === 'lag') && <TextField label="计数单位" path={p('unit')} placeholder="件" />}
        {(rule.kind === 'occurrence' || rule.kind === 'lag' || rule.kind === 'phone') && <PointsField label="本条上限" path={p('cap')} optional />}
        {rule.kind === 'range' && (
          <>
            <PointsField label="最小值" path={p('min')} />
            <PointsField label="最大值" path={p('max')} />
          </>
        )}
        {rule.kind === 'lag' && (
          <>
            <IntField label="时限" path={p('limit')} min={0} max={3650} />
            <SelectField label="时限单位" path={p('limitUnit')} options={LAG_UNIT_OPTIONS} />
          </>
        )}
        {rule.kind === 'phone' && (
          <>
            <PointsField label="均无人接听每季度扣" path={p('unansweredPoints')} />
            <PointsField label="回答有误每次扣" path={p('wrongAnswerPoints')} />
            <IntField label="每季度拨测次数" path={p('minCalls')} min={1} max={20} suffix="次" />
          </>
        )}
        {rule.kind === 'weighted' && <PointsField label="本项满分" path={p('max')} />}
      </div>
      {rule.kind === 'lag' && (
        <div className="field-grid">
          <TextField label="起始日期名称" path={p('fromLabel')} placeholder="文件发布日期" />
          <TextField label="截止日期名称" path={p('toLabel')} placeholder="解读发布日期" />
          <TextField label="滞后说法" path={p('lagLabel')} placeholder="解读滞后" />
        </div>
      )}
      {rule.kind === 'occurrence' && <FeedField path={p('feed')} />}
      {rule.kind === 'rating' && <RatingOptions path={path} rule={rule} />}
      <TextField label="备注" path={p('note')} placeholder="如：需提供协同联动机制及具体案例" />
      <div className="rule-editor-template" aria-label={`规则${index + 1}计分`}>
        计分：{template ?? <Typography.Text type="danger">填写有误，暂无法生成</Typography.Text>}
      </div>
      <details className="zw-details">
        <summary>详细信息</summary>
        规则编号（评分记录按此编号保存，Excel 模板中的“规则编号”列即此编号，方案发布后请勿改动）：<span className="zw-num">{rule.id}</span>
      </details>
    </div>
  );
}

function FeedField({ path }: { path: Path }) {
  const { draft, set } = useEditor();
  const cur = getIn(draft, path);
  const error = useFieldError(path);
  return (
    <Form.Item label="次数来源" validateStatus={error ? 'error' : undefined} help={error} htmlFor={fieldId(path)}>
      <Select<RuleFeed | 'none'>
        id={fieldId(path)}
        value={(cur as RuleFeed | null) ?? 'none'}
        options={FEED_OPTIONS}
        onChange={(v) => set(path, v === 'none' ? null : v)}
      />
    </Form.Item>
  );
}

function RatingOptions({ path, rule }: { path: Path; rule: DraftRating }) {
  const { set, update } = useEditor();
  const optionsPath = [...path, 'options'];
  const listError = useFieldError(optionsPath);
  return (
    <div className="rating-options">
      <div className="rating-options-title">评议选项（从高到低）</div>
      {rule.options.map((o, n) => (
        <div className="rating-option" key={n}>
          <Form.Item label={`选项${n + 1}`} htmlFor={fieldId([...optionsPath, n, 'label'])} className="rating-option-label">
            <Input id={fieldId([...optionsPath, n, 'label'])} value={o.label} onChange={(e) => set([...optionsPath, n, 'label'], e.target.value)} />
          </Form.Item>
          <PointsField label="得分" path={[...optionsPath, n, 'points']} />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={`删除选项${n + 1}`}
            onClick={() => update<DraftRating['options']>(optionsPath, (l) => l.filter((_, i) => i !== n))}
          />
        </div>
      ))}
      {listError && <Typography.Text type="danger">{listError}</Typography.Text>}
      <Button size="small" icon={<PlusOutlined />} onClick={() => update<DraftRating['options']>(optionsPath, (l) => [...l, { label: '', points: '0' }])}>
        添加选项
      </Button>
    </div>
  );
}
