import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, InputNumber, Select, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { formatPoints } from '../../../shared/points/points';
import type { Indicator, Rule, RuleKind, Scheme } from '../../../shared/scheme/model';
import { scoreAssessment, type ScoreResult } from '../../../shared/scoring/engine';
import { ruleExplanationTemplate } from '../../../shared/scoring/explain';
import {
  QUARTERS,
  QUARTER_LABELS,
  type LagResponse,
  type PhoneResponse,
  type Quarter,
  type Responses,
  type RuleResponse,
} from '../../../shared/scoring/responses';

/**
 * 试算: simple inputs for each rule of the scheme being edited, scored live
 * with the engine so the effect of an edit shows at once. Nothing here is stored.
 */

type TryState = Record<string, { kind: RuleKind; response: RuleResponse }>;

const QUARTER_MONTH: Record<Quarter, string> = { Q1: '02', Q2: '05', Q3: '08', Q4: '11' };

/** A call time inside the quarter, a different day and hour for each call. */
function callTime(year: number, quarter: Quarter, n: number): string {
  const day = String(10 + n).padStart(2, '0');
  const hour = n % 2 === 0 ? '09:30' : '15:00';
  return `${year}-${QUARTER_MONTH[quarter]}-${day}T${hour}`;
}

export function responsesFor(scheme: Scheme, state: TryState): Responses {
  const out: Responses = {};
  for (const s of scheme.sections)
    for (const i of s.indicators)
      for (const r of i.rules) {
        const entry = state[r.id];
        if (entry && entry.kind === r.kind) out[r.id] = entry.response;
      }
  return out;
}

/** Indicators of all sections, numbered 1, 2, 3 … through the scheme. */
function numberedIndicators(scheme: Scheme): { indicator: Indicator; number: number }[] {
  return scheme.sections.flatMap((s) => s.indicators).map((indicator, i) => ({ indicator, number: i + 1 }));
}

export function TryItPanel({ scheme, stale }: { scheme: Scheme; stale: boolean }) {
  const [state, setState] = useState<TryState>({});
  const responses = useMemo(() => responsesFor(scheme, state), [scheme, state]);
  const result = useMemo<ScoreResult | null>(() => {
    try {
      return scoreAssessment(scheme, responses);
    } catch {
      return null;
    }
  }, [scheme, responses]);
  const setResponse = (rule: Rule, response: RuleResponse | null) =>
    setState((s) => {
      const next = { ...s };
      if (response === null) delete next[rule.id];
      else next[rule.id] = { kind: rule.kind, response };
      return next;
    });
  const lineCount = result ? result.indicators.reduce((n, i) => n + i.lines.length, 0) + result.lines.length : 0;

  return (
    <div className="tryit" aria-label="试算">
      <div className="tryit-head">
        <div className="tryit-title">
          <span>
            试算
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12, marginInlineStart: 8 }}>
              按当前规则试算假设情况，不保存
            </Typography.Text>
          </span>
          <Button size="small" onClick={() => setState({})} disabled={Object.keys(state).length === 0}>
            清空录入
          </Button>
        </div>
        {result ? (
          <div className="tryit-score">
            <span className="tryit-total-label">得分</span>
            <span className="tryit-total" data-testid="tryit-total">
              {result.totalText}
            </span>
            <span>分</span>
            {result.grade && (
              <Tag color="red" data-testid="tryit-grade" style={{ marginInlineStart: 8 }}>
                {result.grade}
              </Tag>
            )}
            <span className="tryit-sub">
              减分 {result.deductionsText} · 加分 {result.bonusesText}
              {result.awarded ? ` · 得分项 ${result.awardedText}` : ''} · 已录入 {result.answered}/{result.totalRules} 条
            </span>
          </div>
        ) : (
          <Alert type="error" title="无法试算" />
        )}
        {stale && <Alert type="warning" showIcon style={{ marginTop: 8 }} title="方案中有错误，试算暂按最近一次无误的内容计算。" />}
      </div>
      <Tabs
        size="small"
        items={[
          {
            key: 'input',
            label: '录入',
            children: (
              <div className="tryit-inputs">
                {numberedIndicators(scheme).map(({ indicator: ind, number }) => (
                  <div key={ind.id} className="tryit-indicator">
                    <div className="tryit-indicator-title">
                      {number}. {ind.title}
                    </div>
                    {ind.rules.map((rule) => (
                      <div key={rule.id} className="tryit-rule">
                        <div className="tryit-rule-text">
                          {rule.text}
                          <span className="tryit-rule-template">（{ruleExplanationTemplate(rule)}）</span>
                        </div>
                        <RuleInput
                          rule={rule}
                          year={scheme.year}
                          value={state[rule.id]?.kind === rule.kind ? state[rule.id].response : undefined}
                          onChange={(r) => setResponse(rule, r)}
                        />
                      </div>
                    ))}
                  </div>
                ))}
              </div>
            ),
          },
          {
            key: 'lines',
            label: `计分说明${lineCount ? `（${lineCount}）` : ''}`,
            children: result && <ResultLines result={result} />,
          },
        ]}
      />
    </div>
  );
}

function ResultLines({ result }: { result: ScoreResult }) {
  const indicators = result.indicators.filter((i) => i.lines.length > 0);
  return (
    <div className="tryit-lines" data-testid="tryit-lines">
      {indicators.length === 0 && <Typography.Text type="secondary">尚未录入任何情况。</Typography.Text>}
      {indicators.map((i) => (
        <div key={i.id} className="tryit-line-group">
          <div className="tryit-indicator-title">
            {i.title}：{i.pointsText} 分
          </div>
          {i.lines.map((l, n) => (
            <div key={n} className="tryit-line">
              {l}
            </div>
          ))}
        </div>
      ))}
      <div className="tryit-line-group">
        <div className="tryit-indicator-title">合计</div>
        {result.lines.map((l, n) => (
          <div key={n} className="tryit-line">
            {l}
          </div>
        ))}
      </div>
      {result.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="提示"
          description={
            <ul className="tryit-warnings">
              {result.warnings.map((w, n) => (
                <li key={n}>{w.message}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}

function RuleInput({ rule, year, value, onChange }: { rule: Rule; year: number; value: RuleResponse | undefined; onChange: (r: RuleResponse | null) => void }) {
  const label = `试算：${rule.text}`;
  switch (rule.kind) {
    case 'fixed':
      return (
        <Checkbox aria-label={label} checked={!!(value && 'applies' in value && value.applies)} onChange={(e) => onChange(e.target.checked ? { applies: true } : null)}>
          存在此情形
        </Checkbox>
      );
    case 'occurrence': {
      const count = value && 'count' in value ? value.count : null;
      return (
        <span className="tryit-inline">
          <InputNumber<number>
            aria-label={label}
            size="small"
            min={0}
            max={9999}
            precision={0}
            value={count}
            placeholder="0"
            style={{ width: 96 }}
            suffix={rule.unit}
            onChange={(v) => onChange(v ? { count: v } : null)}
          />
        </span>
      );
    }
    case 'range': {
      const v = value && 'value' in value ? value : { value: '', reason: '' };
      const set = (next: { value: string | number; reason: string }) => onChange(String(next.value).trim() === '' && !next.reason ? null : next);
      return (
        <span className="tryit-inline">
          <Input aria-label={label} size="small" style={{ width: 100 }} suffix="分" placeholder={`${fmtRange(rule)}`} value={String(v.value)} onChange={(e) => set({ ...v, value: e.target.value })} />
          <Input aria-label={`${label}理由`} size="small" placeholder="理由" value={v.reason} onChange={(e) => set({ ...v, reason: e.target.value })} />
        </span>
      );
    }
    case 'lag':
      return <LagInput label={label} year={year} value={value as LagResponse | undefined} onChange={onChange} fromLabel={rule.fromLabel} toLabel={rule.toLabel} />;
    case 'phone':
      return <PhoneInput label={label} year={year} minCalls={rule.minCalls} value={value as PhoneResponse | undefined} onChange={onChange} />;
    case 'weighted': {
      const awarded = value && 'awarded' in value ? String(value.awarded) : '';
      return (
        <Input
          aria-label={label}
          size="small"
          style={{ width: 120 }}
          suffix="分"
          placeholder={`0-${formatPoints(rule.max)}`}
          value={awarded}
          onChange={(e) => onChange(e.target.value.trim() === '' ? null : { awarded: e.target.value })}
        />
      );
    }
    case 'rating':
      return (
        <Select<string>
          aria-label={label}
          size="small"
          allowClear
          placeholder="选择评议结果"
          style={{ width: 160 }}
          value={value && 'option' in value ? value.option : undefined}
          options={rule.options.map((o) => ({ value: o.label, label: o.label }))}
          onChange={(v) => onChange(v ? { option: v } : null)}
        />
      );
  }
}

function fmtRange(rule: Extract<Rule, { kind: 'range' }>): string {
  return `${formatPoints(rule.min)}-${formatPoints(rule.max)}`;
}

function LagInput({
  label,
  year,
  value,
  onChange,
  fromLabel,
  toLabel,
}: {
  label: string;
  year: number;
  value: LagResponse | undefined;
  onChange: (r: LagResponse | null) => void;
  fromLabel: string;
  toLabel: string;
}) {
  const items = value?.items ?? [];
  const set = (next: LagResponse['items']) => onChange(next.length ? { items: next } : null);
  return (
    <div className="tryit-list">
      {items.map((it, n) => (
        <div key={n} className="tryit-lag-item">
          <Input size="small" aria-label={`${label}第${n + 1}件名称`} placeholder="文件名称" value={it.label} onChange={(e) => set(items.map((x, i) => (i === n ? { ...x, label: e.target.value } : x)))} />
          <span className="tryit-inline">
            <Input size="small" type="date" aria-label={`${label}第${n + 1}件${fromLabel}`} title={fromLabel} value={it.from} onChange={(e) => set(items.map((x, i) => (i === n ? { ...x, from: e.target.value } : x)))} />
            <span>至</span>
            <Input size="small" type="date" aria-label={`${label}第${n + 1}件${toLabel}`} title={toLabel} value={it.to} onChange={(e) => set(items.map((x, i) => (i === n ? { ...x, to: e.target.value } : x)))} />
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除第${n + 1}件`} onClick={() => set(items.filter((_, i) => i !== n))} />
          </span>
        </div>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => set([...items, { label: `文件${items.length + 1}`, from: `${year}-03-01`, to: `${year}-03-08` }])}
      >
        添加一件（{fromLabel}、{toLabel}）
      </Button>
    </div>
  );
}

function PhoneInput({
  label,
  year,
  minCalls,
  value,
  onChange,
}: {
  label: string;
  year: number;
  minCalls: number;
  value: PhoneResponse | undefined;
  onChange: (r: PhoneResponse | null) => void;
}) {
  const quarters = value?.quarters ?? [];
  const set = (next: PhoneResponse['quarters']) => onChange(next.length ? { quarters: next } : null);
  const free = QUARTERS.filter((q) => !quarters.some((x) => x.quarter === q));
  return (
    <div className="tryit-list">
      {quarters.map((q, qi) => (
        <div key={q.quarter} className="tryit-phone-quarter">
          <span className="tryit-inline">
            <strong>{QUARTER_LABELS[q.quarter]}</strong>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除${QUARTER_LABELS[q.quarter]}`} onClick={() => set(quarters.filter((_, i) => i !== qi))} />
          </span>
          {q.calls.map((c, ci) => {
            const setCall = (patch: Partial<typeof c>) =>
              set(quarters.map((x, i) => (i === qi ? { ...x, calls: x.calls.map((y, j) => (j === ci ? { ...y, ...patch } : y)) } : x)));
            return (
              <div key={ci} className="tryit-inline tryit-call">
                <span>第{ci + 1}次</span>
                <Checkbox aria-label={`${label}${QUARTER_LABELS[q.quarter]}第${ci + 1}次接通`} checked={c.answered} onChange={(e) => setCall({ answered: e.target.checked, correct: e.target.checked ? true : null })}>
                  接通
                </Checkbox>
                <Checkbox
                  aria-label={`${label}${QUARTER_LABELS[q.quarter]}第${ci + 1}次回答正确`}
                  disabled={!c.answered}
                  checked={c.answered && c.correct !== false}
                  onChange={(e) => setCall({ correct: e.target.checked })}
                >
                  回答正确
                </Checkbox>
              </div>
            );
          })}
          <Button
            size="small"
            type="link"
            onClick={() =>
              set(quarters.map((x, i) => (i === qi ? { ...x, calls: [...x.calls, { at: callTime(year, x.quarter, x.calls.length), answered: false, correct: null }] } : x)))
            }
          >
            再拨一次
          </Button>
        </div>
      ))}
      {free.length > 0 && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => {
            const quarter = free[0];
            const calls = Array.from({ length: minCalls }, (_, n) => ({ at: callTime(year, quarter, n), answered: false, correct: null }));
            set([...quarters, { quarter, calls }]);
          }}
        >
          添加{QUARTER_LABELS[free[0]]}拨测（{minCalls}次，默认均未接通）
        </Button>
      )}
    </div>
  );
}
