import { CheckOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Input, Tag, Tooltip } from 'antd';
import { memo, useEffect, useRef, useState } from 'react';
import { RULE_FEED_LABELS, type Indicator, type Rule, type RuleFeed } from '../../../shared/scheme/model';
import type { IndicatorResult } from '../../../shared/scoring/engine';
import { phoneQuarterSummaries } from '../../../shared/inspections/phoneCalls';
import { noProblemResponse } from '../../../shared/inspections/progress';
import type { PhoneResponse, Responses, RuleResponse } from '../../../shared/scoring/responses';
import { PhotoSlot, PhotoToggle } from './PhotoSlot';
import { DerivedValue, FixedInput, LagInput, OccurrenceInput, RangeInput, RatingInput, WeightedInput, type OnRuleChange } from './RuleInputs';

const FEED_HINTS: Record<RuleFeed, string> = {
  inquiryNotAnswered: '投诉件中函询未在回复期限内回复的次数',
  rectificationRequired: '投诉件中经核实确有问题并书面要求整改的次数',
  notRectified: '投诉件中未按要求整改的次数',
  bulletinUnqualified: '政府网站和政务新媒体被通报为不合格的次数',
};

export interface IndicatorActions {
  setResponse(ruleId: string, value: RuleResponse | null, debounce?: boolean): void;
  setResponses(entries: [string, RuleResponse | null][]): void;
  setNote(indicatorId: string, text: string): void;
  recordFinding(indicatorId: string, ruleId: string | null): void;
  openPhoneLog(): void;
  openFindings(): void;
  openYearFile(): void;
}

interface Props {
  indicator: Indicator;
  number: number;
  /** Index of the indicator's first rule in the flat rule order (keyboard navigation). */
  firstRuleIndex: number;
  responses: Responses;
  derived: ReadonlySet<string>;
  result: IndicatorResult;
  note: string;
  disabled: boolean;
  actions: IndicatorActions;
  /** Where photos of this indicator belong; no photo slot when absent. */
  photoOwner?: { inspectionId: string; assessmentId: string };
}

function sameResponses(a: Props, b: Props): boolean {
  for (const r of a.indicator.rules) {
    const x = a.responses[r.id];
    const y = b.responses[r.id];
    if (x !== y && JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

function sameResult(a: IndicatorResult, b: IndicatorResult): boolean {
  if (a === b) return true;
  if (a.pointsText !== b.pointsText || a.answered !== b.answered || a.lines.length !== b.lines.length) return false;
  for (let i = 0; i < a.lines.length; i++) if (a.lines[i] !== b.lines[i]) return false;
  for (let i = 0; i < a.rules.length; i++) if (a.rules[i].pointsText !== b.rules[i].pointsText || a.rules[i].answered !== b.rules[i].answered) return false;
  return true;
}

/** One indicator: 考核内容 / 考核方式 / 评分方式, an input per rule, its lines and a note. Re-renders only when its own data change. */
export const IndicatorCard = memo(function IndicatorCard({ indicator, number, firstRuleIndex, responses, derived, result, note, disabled, actions, photoOwner }: Props) {
  const [expanded, setExpanded] = useState(false);
  const [photosOpen, setPhotosOpen] = useState(false);
  const state = result.answered === result.totalRules ? 'done' : result.answered > 0 ? 'partial' : 'none';
  const neutral = indicator.rules
    .filter((r) => responses[r.id] === undefined && !(derived.has(r.id) && r.kind !== 'phone'))
    .map((r) => [r.id, noProblemResponse(r)] as [string, RuleResponse | null])
    .filter(([, v]) => v !== null);
  return (
    <section className={`zw-ind zw-ind-${state}`} id={`ind-${indicator.id}`} data-indicator={indicator.id}>
      <header className="zw-ind-head">
        <span className="zw-ind-no">{number}</span>
        <span className="zw-ind-title">{indicator.title}</span>
        <span className="zw-ind-state">
          {state === 'done' ? (
            <Tag color="success" icon={<CheckOutlined />}>已评</Tag>
          ) : state === 'partial' ? (
            <Tag color="warning">已评 {result.answered}/{result.totalRules}</Tag>
          ) : (
            <Tag>未评</Tag>
          )}
        </span>
        <span className={`zw-ind-points zw-num ${result.points < 0 ? 'neg' : result.points > 0 ? 'pos' : ''}`} data-testid={`ind-points-${indicator.id}`}>
          {result.pointsText}
        </span>
        <Tooltip title="其余未评规则按“未发现问题”填入">
          <Button size="small" disabled={disabled || neutral.length === 0} onClick={() => actions.setResponses(neutral)}>
            本项无问题
          </Button>
        </Tooltip>
        <Button size="small" icon={<ExclamationCircleOutlined />} onClick={() => actions.recordFinding(indicator.id, null)}>
          记录问题
        </Button>
        {photoOwner && <PhotoToggle open={photosOpen} onToggle={() => setPhotosOpen((o) => !o)} />}
      </header>
      {photoOwner && photosOpen && (
        <PhotoSlot ownerType="indicator" ownerId={`${photoOwner.assessmentId}:${indicator.id}`} inspectionId={photoOwner.inspectionId} assessmentId={photoOwner.assessmentId} />
      )}
      <div className={`zw-ind-texts ${expanded ? 'open' : ''}`} onClick={() => setExpanded((e) => !e)} title={expanded ? '点击收起' : '点击展开全文'}>
        {indicator.content && (
          <p>
            <b>考核内容</b>
            {indicator.content}
          </p>
        )}
        {indicator.method && (
          <p>
            <b>考核方式</b>
            {indicator.method}
          </p>
        )}
        {indicator.scoringText && (
          <p className="zw-scoring">
            <b>评分方式</b>
            {indicator.scoringText}
          </p>
        )}
      </div>
      <div className="zw-rules">
        {indicator.rules.map((rule, i) => (
          <RuleRow
            key={rule.id}
            rule={rule}
            index={firstRuleIndex + i}
            response={responses[rule.id]}
            isDerived={derived.has(rule.id)}
            pointsText={result.rules[i].answered ? result.rules[i].pointsText : ''}
            answered={result.rules[i].answered}
            template={result.rules[i].template}
            disabled={disabled}
            actions={actions}
          />
        ))}
      </div>
      {result.lines.length > 0 && (
        <ul className="zw-ind-lines" data-testid={`ind-lines-${indicator.id}`}>
          {result.lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
      <NoteBox key={indicator.id} indicatorId={indicator.id} initial={note} disabled={disabled} onChange={actions.setNote} />
    </section>
  );
}, (a, b) =>
  a.indicator === b.indicator &&
  a.number === b.number &&
  a.firstRuleIndex === b.firstRuleIndex &&
  a.note === b.note &&
  a.disabled === b.disabled &&
  a.photoOwner?.assessmentId === b.photoOwner?.assessmentId &&
  a.actions === b.actions &&
  a.derived === b.derived &&
  sameResult(a.result, b.result) &&
  sameResponses(a, b),
);

function NoteBox({ indicatorId, initial, disabled, onChange }: { indicatorId: string; initial: string; disabled: boolean; onChange: (id: string, t: string) => void }) {
  const [text, setText] = useState(initial);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(initial);
  }, [initial]);
  return (
    <Input.TextArea
      onFocus={() => (focused.current = true)}
      onBlur={() => (focused.current = false)}
      className="zw-note"
      value={text}
      disabled={disabled}
      placeholder="备注（现场情况、佐证材料等）"
      aria-label="备注"
      autoSize={{ minRows: 1, maxRows: 4 }}
      maxLength={2000}
      onChange={(e) => {
        setText(e.target.value);
        onChange(indicatorId, e.target.value);
      }}
    />
  );
}

interface RuleRowProps {
  rule: Rule;
  index: number;
  response: RuleResponse | undefined;
  isDerived: boolean;
  pointsText: string;
  answered: boolean;
  template: string;
  disabled: boolean;
  actions: IndicatorActions;
}

function RuleRow({ rule, index, response, isDerived, pointsText, answered, template, disabled, actions }: RuleRowProps) {
  const onChange: OnRuleChange = (v, debounce) => actions.setResponse(rule.id, v, debounce);
  return (
    <div className={`zw-rule${rule.kind === 'lag' ? ' zw-wide' : ''}${answered ? ' answered' : ''}`} data-rule-index={index} data-rule={rule.id} tabIndex={index === 0 ? 0 : -1}>
      <div className="zw-rule-text">
        {rule.text}
        {rule.note && <div className="zw-rule-note">{rule.note}</div>}
      </div>
      <div className="zw-rule-template">{template}</div>
      <div className="zw-rule-input">{renderInput(rule, response, isDerived, disabled, onChange, actions)}</div>
      <div className={`zw-rule-points zw-num ${pointsText.startsWith('−') ? 'neg' : pointsText.startsWith('+') ? 'pos' : ''}`}>{pointsText || (answered ? '0' : '')}</div>
    </div>
  );
}

function renderInput(rule: Rule, response: RuleResponse | undefined, isDerived: boolean, disabled: boolean, onChange: OnRuleChange, actions: IndicatorActions) {
  if (rule.kind === 'phone') {
    const phone = isDerived && response && 'quarters' in response ? (response as PhoneResponse) : null;
    const lines = phoneQuarterSummaries(phone);
    if (lines.length > 0) return <DerivedValue text={lines.join('；')} hint="根据拨测记录自动计算" onOpen={actions.openPhoneLog} openLabel="拨测记录" />;
    return (
      <DerivedValue
        text={response ? '未拨测（已确认）' : '尚无拨测记录'}
        hint="在「拨测记录」中登记每次拨测，本项自动计分；本单位本季度未抽中拨测的，可点“本项无问题”确认"
        onOpen={actions.openPhoneLog}
        openLabel="登记拨测"
      />
    );
  }
  if (rule.kind === 'occurrence' && rule.feed && isDerived) {
    const count = response && 'count' in response ? response.count : 0;
    return (
      <DerivedValue
        text={`${count} ${rule.unit}（按年度档案记录）`}
        hint={`由单位年度档案自动计数（${RULE_FEED_LABELS[rule.feed]}）：${FEED_HINTS[rule.feed]}。如需更正，请修改年度档案中的记录。`}
        onOpen={actions.openYearFile}
        openLabel="单位年度档案"
      />
    );
  }
  switch (rule.kind) {
    case 'fixed':
      return <FixedInput rule={rule} value={response as never} disabled={disabled} onChange={onChange} />;
    case 'occurrence':
      return <OccurrenceInput rule={rule} value={response as never} disabled={disabled} onChange={onChange} />;
    case 'range':
      return <RangeInput rule={rule} value={response as never} disabled={disabled} onChange={onChange} />;
    case 'lag':
      return <LagInput rule={rule} value={response as never} disabled={disabled} onChange={onChange} />;
    case 'weighted':
      return <WeightedInput rule={rule} value={response as never} disabled={disabled} onChange={onChange} />;
    case 'rating':
      return <RatingInput rule={rule} value={response as never} disabled={disabled} onChange={onChange} />;
  }
}
