import { DeleteOutlined, MinusOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, InputNumber, Radio, Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { memo, useEffect, useRef, useState } from 'react';
import { formatPoints, pointsToDecimal, tryParsePoints } from '../../../shared/points/points';
import type { FixedRule, LagRule, OccurrenceRule, RangeRule, RatingRule, Rule, WeightedRule } from '../../../shared/scheme/model';
import type { FixedResponse, LagItem, LagResponse, OccurrenceResponse, RangeResponse, RatingResponse, RuleResponse, WeightedResponse } from '../../../shared/scoring/responses';
import { TEXT_DEBOUNCE_MS } from './autosave';

export type OnRuleChange = (value: RuleResponse | null, debounce?: boolean) => void;

interface InputProps<R extends Rule, V> {
  rule: R;
  value: V | undefined;
  disabled: boolean;
  onChange: OnRuleChange;
}

/**
 * A yes/no question with three distinct, one-click states: 未评 (no answer), 是, 否.
 * The answered states are filled; 未评 stays a dashed outline.
 */
export function YesNo({ label, value, disabled, onChange }: { label: string; value: boolean | undefined; disabled: boolean; onChange: (v: boolean | null) => void }) {
  const current = value === undefined ? 'none' : value ? 'yes' : 'no';
  return (
    <span role="radiogroup" aria-label={label} className={`zw-yn zw-yn-${current}`}>
      <Radio.Group size="small" optionType="button" buttonStyle="solid" value={current} disabled={disabled} onChange={(e) => onChange(e.target.value === 'none' ? null : e.target.value === 'yes')}>
        <Radio.Button value="none" className="zw-yn-opt-none">未评</Radio.Button>
        <Radio.Button value="yes" className="zw-yn-opt-yes">是</Radio.Button>
        <Radio.Button value="no" className="zw-yn-opt-no">否</Radio.Button>
      </Radio.Group>
    </span>
  );
}

/** 固定分值: applies or not. */
export function FixedInput({ rule, value, disabled, onChange }: InputProps<FixedRule, FixedResponse>) {
  return <YesNo label={rule.text} value={value?.applies} disabled={disabled} onChange={(applies) => onChange(applies === null ? null : { applies })} />;
}

/** 按次: a counter with − / + and typing. */
export function OccurrenceInput({ rule, value, disabled, onChange }: InputProps<OccurrenceRule, OccurrenceResponse>) {
  const count = value?.count;
  return (
    <Space.Compact size="small">
      <Button size="small" icon={<MinusOutlined />} disabled={disabled || !count} aria-label={`${rule.text}减少`} tabIndex={-1} onClick={() => onChange({ count: Math.max(0, (count ?? 0) - 1) })} />
      <InputNumber
        size="small"
        controls={false}
        min={0}
        max={100000}
        precision={0}
        value={count ?? null}
        placeholder="未评"
        disabled={disabled}
        aria-label={`${rule.text}数量`}
        data-counter={rule.id}
        style={{ width: 56, textAlign: 'center' }}
        onChange={(v) => onChange(v === null || v === undefined ? null : { count: Math.max(0, Math.min(100000, Math.trunc(Number(v)))) })}
      />
      <Button size="small" icon={<PlusOutlined />} disabled={disabled} aria-label={`${rule.text}增加`} tabIndex={-1} onClick={() => onChange({ count: (count ?? 0) + 1 })} />
      <Space.Addon>{rule.unit}</Space.Addon>
    </Space.Compact>
  );
}

/** Local text state written after a pause in typing; follows outside changes when not being edited. */
function useDebouncedText(external: string, commit: (text: string) => void): [string, (t: string) => void, () => void] {
  const [text, setText] = useState(external);
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!editing.current) setText(external);
  }, [external]);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  const change = (t: string) => {
    editing.current = true;
    setText(t);
    commit(t);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => (editing.current = false), TEXT_DEBOUNCE_MS + 400);
  };
  const blur = () => {
    editing.current = false;
  };
  return [text, change, blur];
}

/** 视情况: applies → a value within [min, max] and a required reason. */
export function RangeInput({ rule, value, disabled, onChange }: InputProps<RangeRule, RangeResponse>) {
  const parsed = value ? tryParsePoints(value.value) : null;
  const points = parsed && parsed.ok ? parsed.value : 0;
  const on = !!value && points > 0;
  const [reason, setReason, blur] = useDebouncedText(value?.reason ?? '', (t) => onChange({ value: value?.value ?? pointsToDecimal(rule.min), reason: t }, true));
  const outOfRange = on && (points < rule.min || points > rule.max);
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <div className="zw-range">
      <Space size={6}>
        <YesNo
          label={rule.text}
          value={value === undefined ? undefined : on}
          disabled={disabled}
          onChange={(yes) => onChange(yes === null ? null : yes ? { value: pointsToDecimal(rule.min), reason: value?.reason ?? '' } : { value: 0, reason: value?.reason ?? '' })}
        />
        {on && (
          <InputNumber
            size="small"
            stringMode
            step="0.1"
            value={typed ?? pointsToDecimal(points)}
            disabled={disabled}
            status={outOfRange || typed !== null ? 'error' : undefined}
            aria-label={`${rule.text}分值`}
            aria-invalid={typed !== null}
            style={{ width: 84 }}
            suffix="分"
            onChange={(v) => {
              if (v === null || v === undefined || v === '') return;
              const p = tryParsePoints(String(v));
              // A value outside the rule's range is not clamped silently: it stays as typed, flagged, and is not counted.
              if (!p.ok || p.value < rule.min || p.value > rule.max) return setTyped(String(v));
              setTyped(null);
              onChange({ value: pointsToDecimal(p.value), reason: value?.reason ?? '' });
            }}
            onBlur={() => setTyped((t) => (t === null || t.trim() === '' ? null : t))}
          />
        )}
      </Space>
      {on && typed !== null && (
        <div className="zw-field-error" role="alert">
          {`${typed} 分超出本项范围（${rule.direction === 'deduct' ? '减' : '加'}${formatPoints(rule.min)}-${formatPoints(rule.max)}分），未采用；当前按 ${formatPoints(points)} 分计`}
        </div>
      )}
      {on && (
        <Input
          size="small"
          value={reason}
          disabled={disabled}
          maxLength={300}
          status={reason.trim() ? undefined : 'warning'}
          placeholder={`视情况${rule.direction === 'deduct' ? '减分' : '加分'}须填写理由`}
          aria-label={`${rule.text}理由`}
          onChange={(e) => setReason(e.target.value)}
          onBlur={blur}
          style={{ marginTop: 4 }}
        />
      )}
    </div>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A zh_CN date picker (YYYY-MM-DD, weeks from 周一) holding a YYYY-MM-DD string. */
function DayPicker({ value, disabled, label, onChange }: { value: string; disabled: boolean; label: string; onChange: (v: string) => void }) {
  const d = DAY.test(value) ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      size="small"
      format="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      value={d && d.isValid() ? d : null}
      disabled={disabled}
      aria-label={label}
      style={{ width: '100%' }}
      onChange={(v) => onChange(v ? v.format('YYYY-MM-DD') : '')}
    />
  );
}

/**
 * 时限: a list of documents with both dates. A new row stays a draft on this
 * screen (not scored, not flagged) until both of its dates are filled.
 */
export function LagInput({ rule, value, disabled, onChange }: InputProps<LagRule, LagResponse>) {
  const items = value?.items ?? [];
  const [drafts, setDrafts] = useState<LagItem[]>([]);
  const set = (next: LagItem[], debounce = false) => onChange({ items: next }, debounce);
  const editDraft = (k: number, patch: Partial<LagItem>) => {
    const next = drafts.map((x, j) => (j === k ? { ...x, ...patch } : x));
    const row = next[k];
    if (row.from && row.to) {
      setDrafts(next.filter((_, j) => j !== k));
      set([...items, row]);
    } else setDrafts(next);
  };
  const counting = rule.limitUnit === 'workingDays' ? `按工作日计算（扣除节假日），超过 ${rule.limit} 个工作日计入` : rule.limitUnit === 'months' ? `超过 ${rule.limit} 个月计入` : `按自然日计算，超过 ${rule.limit} 日计入`;
  const row = (it: LagItem, i: number, edit: (patch: Partial<LagItem>, debounce?: boolean) => void, remove: () => void, draft: boolean) => (
    <div key={`${draft ? 'd' : 'i'}${i}`} className={`zw-lag-row${draft ? ' zw-lag-draft' : ''}`} data-lag-draft={draft || undefined}>
      <Input size="small" value={it.label} placeholder="文件名称" disabled={disabled} aria-label={`第${i + 1}件文件名称`} onChange={(e) => edit({ label: e.target.value }, true)} />
      <Tooltip title={rule.fromLabel}>
        <span>
          <DayPicker value={it.from} disabled={disabled} label={`第${i + 1}件${rule.fromLabel}`} onChange={(from) => edit({ from })} />
        </span>
      </Tooltip>
      <Tooltip title={rule.toLabel}>
        <span>
          <DayPicker value={it.to} disabled={disabled} label={`第${i + 1}件${rule.toLabel}`} onChange={(to) => edit({ to })} />
        </span>
      </Tooltip>
      <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} aria-label={`删除第${i + 1}件`} onClick={remove} />
    </div>
  );
  return (
    <div className="zw-lag">
      {items.map((it, i) =>
        row(
          it,
          i,
          (patch, debounce) => set(items.map((x, j) => (j === i ? { ...x, ...patch } : x)), debounce),
          () => set(items.filter((_, j) => j !== i)),
          false,
        ),
      )}
      {drafts.map((it, k) =>
        row(
          it,
          items.length + k,
          (patch) => editDraft(k, patch),
          () => setDrafts(drafts.filter((_, j) => j !== k)),
          true,
        ),
      )}
      {drafts.length > 0 && <div className="zw-muted">填写两个日期后计入</div>}
      <Space size={6} wrap>
        <Button size="small" icon={<PlusOutlined />} disabled={disabled} onClick={() => setDrafts([...drafts, { label: '', from: '', to: '' }])}>
          添加文件
        </Button>
        {value === undefined && <Tag className="zw-unrated">未评</Tag>}
        <span className="zw-muted" data-testid={`lag-counting-${rule.id}`}>
          {rule.fromLabel} → {rule.toLabel}，{counting}
        </span>
      </Space>
    </div>
  );
}

/** 百分制: points awarded out of the item's maximum. */
export function WeightedInput({ rule, value, disabled, onChange }: InputProps<WeightedRule, WeightedResponse>) {
  const parsed = value ? tryParsePoints(value.awarded) : null;
  return (
    <Space size={4}>
      <InputNumber
        size="small"
        stringMode
        min="0"
        max={formatPoints(rule.max)}
        step="0.5"
        placeholder="未评"
        value={parsed && parsed.ok ? pointsToDecimal(parsed.value) : null}
        disabled={disabled}
        aria-label={`${rule.text}得分`}
        style={{ width: 80 }}
        onChange={(v) => {
          if (v === null || v === undefined || v === '') return onChange(null);
          const p = tryParsePoints(String(v));
          if (p.ok) onChange({ awarded: pointsToDecimal(p.value) });
        }}
      />
      <span className="zw-muted">/ {formatPoints(rule.max)} 分</span>
    </Space>
  );
}

/** 评议: one of the options. */
export function RatingInput({ rule, value, disabled, onChange }: InputProps<RatingRule, RatingResponse>) {
  return (
    <Radio.Group size="small" optionType="button" value={value?.option} disabled={disabled} onChange={(e) => onChange({ option: e.target.value })}
      options={rule.options.map((o) => ({ value: o.label, label: o.label }))} />
  );
}

/** A rule fed by another record: read-only, with where it comes from. */
export const DerivedValue = memo(function DerivedValue({ text, hint, onOpen, openLabel }: { text: string; hint: string; onOpen?: () => void; openLabel?: string }) {
  return (
    <Space size={6} wrap>
      <Tooltip title={hint}>
        <Tag color="blue" className="zw-derived">{text}</Tag>
      </Tooltip>
      {onOpen && (
        <Button size="small" type="link" icon={<PhoneOutlined />} onClick={onOpen} style={{ padding: 0 }}>
          {openLabel}
        </Button>
      )}
    </Space>
  );
});
