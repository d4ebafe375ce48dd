import { DeleteOutlined, MinusOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Radio, Space, Switch, Tag, Tooltip } from 'antd';
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

/** 固定分值: applies or not. */
export function FixedInput({ rule, value, disabled, onChange }: InputProps<FixedRule, FixedResponse>) {
  return (
    <Space size={6}>
      <Switch
        size="small"
        checked={value?.applies === true}
        disabled={disabled}
        aria-label={rule.text}
        checkedChildren="是"
        unCheckedChildren="否"
        onChange={(applies) => onChange({ applies })}
      />
      {value === undefined && <Tag className="zw-unrated">未评</Tag>}
    </Space>
  );
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
  return (
    <div className="zw-range">
      <Space size={6}>
        <Switch
          size="small"
          checked={on}
          disabled={disabled}
          aria-label={rule.text}
          checkedChildren="是"
          unCheckedChildren="否"
          onChange={(checked) => onChange(checked ? { value: pointsToDecimal(rule.min), reason: value?.reason ?? '' } : { value: 0, reason: value?.reason ?? '' })}
        />
        {value === undefined && <Tag className="zw-unrated">未评</Tag>}
        {on && (
          <InputNumber
            size="small"
            stringMode
            min={formatPoints(rule.min)}
            max={formatPoints(rule.max)}
            step="0.1"
            value={pointsToDecimal(points)}
            disabled={disabled}
            status={outOfRange ? 'error' : undefined}
            aria-label={`${rule.text}分值`}
            style={{ width: 84 }}
            suffix="分"
            onChange={(v) => {
              if (v === null || v === undefined || v === '') return;
              const p = tryParsePoints(String(v));
              if (p.ok) onChange({ value: pointsToDecimal(p.value), reason: value?.reason ?? '' });
            }}
          />
        )}
      </Space>
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

/** 时限: a list of documents with both dates. */
export function LagInput({ rule, value, disabled, onChange }: InputProps<LagRule, LagResponse>) {
  const items = value?.items ?? [];
  const set = (next: LagItem[], debounce = false) => onChange({ items: next }, debounce);
  return (
    <div className="zw-lag">
      {items.map((it, i) => (
        <div key={i} className="zw-lag-row">
          <Input size="small" value={it.label} placeholder="文件名称" disabled={disabled} aria-label={`第${i + 1}件文件名称`} onChange={(e) => set(items.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)), true)} />
          <Tooltip title={rule.fromLabel}>
            <Input size="small" type="date" value={it.from} disabled={disabled} aria-label={`第${i + 1}件${rule.fromLabel}`} onChange={(e) => set(items.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)))} />
          </Tooltip>
          <Tooltip title={rule.toLabel}>
            <Input size="small" type="date" value={it.to} disabled={disabled} aria-label={`第${i + 1}件${rule.toLabel}`} onChange={(e) => set(items.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)))} />
          </Tooltip>
          <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} aria-label={`删除第${i + 1}件`} onClick={() => set(items.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Space size={6}>
        <Button size="small" icon={<PlusOutlined />} disabled={disabled} onClick={() => set([...items, { label: '', from: '', to: '' }])}>
          添加文件
        </Button>
        {value === undefined ? <Tag className="zw-unrated">未评</Tag> : <span className="zw-muted">{rule.fromLabel} → {rule.toLabel}</span>}
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
