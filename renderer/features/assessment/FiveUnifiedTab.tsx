import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Radio, Space, Tag } from 'antd';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import type { Assessment, ChecklistAnswer, ChecklistStatus } from '../../../shared/domain/inspections';
import { checklistSuggestion, summarizeWalkThrough } from '../../../shared/inspections/checklist';
import { formatPoints, pointsToDecimal, tryParsePoints } from '../../../shared/points/points';
import type { ChecklistDefinition, ChecklistItem } from '../../../shared/scheme/checklist';
import { findRule, type RangeRule, type Scheme } from '../../../shared/scheme/model';
import type { FindingPreset } from '../findings/FindingFormModal';
import { PhotoSlot, PhotoToggle } from './PhotoSlot';
import type { AssessmentState } from './useAssessmentState';

const STATUS_OPTIONS: { value: ChecklistStatus; label: string }[] = [
  { value: 'met', label: '达标' },
  { value: 'notMet', label: '未达标' },
  { value: 'na', label: '不适用' },
];

/**
 * 政务公开专区“五统一”核查: each item met / not met / not applicable with a note;
 * the summary suggests a value for the linked 视情况加分 rule, which the inspector applies.
 */
export function FiveUnifiedTab({
  def,
  scheme,
  assessment,
  state,
  onRecordFinding,
}: {
  def: ChecklistDefinition;
  scheme: Scheme;
  assessment: Assessment;
  state: AssessmentState;
  onRecordFinding: (preset: FindingPreset) => void;
}) {
  const [photosOpen, setPhotosOpen] = useState<string | null>(null);
  const [local, setLocal] = useState<Map<string, { status: ChecklistStatus | null; note: string }>>(new Map());
  const stored = useMemo(() => new Map((state.checklist ?? []).map((a: ChecklistAnswer) => [a.itemId, a])), [state.checklist]);
  const value = (id: string) => local.get(id) ?? { status: stored.get(id)?.status ?? null, note: stored.get(id)?.note ?? '' };
  const answers = def.dimensions.flatMap((d) => d.items.map((i) => ({ itemId: i.id, status: value(i.id).status })));
  const summary = summarizeWalkThrough(def, answers);
  const rule = def.linkedRuleIds.map((id) => findRule(scheme, id)).find((r): r is RangeRule => r?.kind === 'range');
  const suggestion = rule ? checklistSuggestion(summary, rule) : null;
  const current = rule ? state.responses[rule.id] : undefined;
  const currentValue = current && 'value' in current ? tryParsePoints(current.value) : null;

  const set = (item: ChecklistItem, next: { status: ChecklistStatus | null; note: string }, debounce = false) => {
    setLocal((m) => new Map(m).set(item.id, next));
    state.autosave(`c:${item.id}`, () => state.repo.setChecklistAnswer(assessment.id, item.id, next), debounce);
  };

  // 全部达标 / 本维度全部达标: items not yet checked become 达标; answers already given stay, so only the exceptions are left to mark.
  const markMet = (items: readonly ChecklistItem[]) => {
    const todo = items.filter((i) => value(i.id).status === null).map((i) => ({ itemId: i.id, status: 'met' as const, note: value(i.id).note }));
    if (todo.length === 0) return;
    setLocal((m) => {
      const next = new Map(m);
      for (const t of todo) next.set(t.itemId, { status: t.status, note: t.note });
      return next;
    });
    state.autosave(`c:all:${todo.map((t) => t.itemId).join(',')}`, () => state.repo.setChecklistAnswers(assessment.id, todo));
  };
  const unchecked = (items: readonly ChecklistItem[]) => items.filter((i) => value(i.id).status === null).length;
  const allItems = def.dimensions.flatMap((d) => d.items);

  return (
    <div className={state.locked ? 'zw-checklist-locked' : undefined}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button disabled={state.locked || unchecked(allItems) === 0} onClick={() => markMet(allItems)}>
          全部达标
        </Button>
        <span className="zw-muted" style={{ fontSize: 12 }}>未核查的项目设为达标，已核查的保持不变；再逐项标出未达标、不适用的项目。</span>
      </Space>
      <Alert
        type={summary.unanswered > 0 ? 'info' : 'success'}
        showIcon
        style={{ marginBottom: 10 }}
        title={
          <Space wrap>
            <b data-testid="checklist-suggestion">{suggestion ? suggestion.text : `五统一达标 ${summary.met}/${summary.applicable} 项`}</b>
            {summary.unanswered > 0 && <span className="zw-muted">（尚有 {summary.unanswered} 项未核查）</span>}
          </Space>
        }
        description={
          rule ? (
            <div>
              <div>
                关联评分规则：{rule.text}（视情况加{formatPoints(rule.min)}-{formatPoints(rule.max)}分）。当前：
                {currentValue && currentValue.ok && currentValue.value > 0 ? <b>加{formatPoints(currentValue.value)}分</b> : current ? '不加分' : '未评'}
              </div>
              <Space style={{ marginTop: 6 }}>
                <Button
                  size="small"
                  type="primary"
                  disabled={state.locked || !suggestion}
                  onClick={() => suggestion && state.setResponse(rule.id, { value: pointsToDecimal(suggestion.value), reason: suggestion.reason })}
                >
                  按建议填入评分
                </Button>
                <span className="zw-muted" style={{ fontSize: 12 }}>理由将预填为核查结果，可在「逐项评分」中修改分值和理由。</span>
              </Space>
            </div>
          ) : (
            <span className="zw-muted">本考核方案没有与“五统一”关联的评分规则，核查结果仅作记录。</span>
          )
        }
      />
      {def.dimensions.map((d) => (
        <div key={d.id} className="zw-checklist-dim">
          <Space size={8} align="baseline">
            <h4>{d.title}</h4>
            <span className="zw-muted zw-num" style={{ fontSize: 12 }}>
              {summary.dimensions.find((x) => x.id === d.id)!.met}/{summary.dimensions.find((x) => x.id === d.id)!.applicable}
            </span>
            <Button size="small" disabled={state.locked || unchecked(d.items) === 0} aria-label={`${d.title}本维度全部达标`} onClick={() => markMet(d.items)}>
              本维度全部达标
            </Button>
          </Space>
          <div className="zw-muted" style={{ fontSize: 12, marginBottom: 4 }}>{d.summary}</div>
          {d.items.map((item) => {
            const v = value(item.id);
            return (
              <Fragment key={item.id}>
              <div className="zw-checklist-item" data-item={item.id}>
                <span>
                  {item.text} {item.optional && <Tag>可选项，不计入</Tag>}
                </span>
                <Radio.Group
                  size="small"
                  optionType="button"
                  buttonStyle="solid"
                  disabled={state.locked}
                  value={v.status}
                  options={STATUS_OPTIONS}
                  aria-label={item.text}
                  onChange={(e) => set(item, { ...v, status: e.target.value })}
                />
                <NoteInput value={v.note} disabled={state.locked} onChange={(note) => set(item, { ...v, note }, true)} />
                <Space size={4}>
                  <Button size="small" type="text" icon={<ExclamationCircleOutlined />} aria-label={`就「${item.text}」记录问题`}
                    onClick={() => onRecordFinding({ checklistItemId: item.id, ruleId: rule?.id ?? null, description: `政务公开专区${d.title}：${item.text}未达标` })}>
                    记录问题
                  </Button>
                  <PhotoToggle open={photosOpen === item.id} onToggle={() => setPhotosOpen((o) => (o === item.id ? null : item.id))} />
                </Space>
              </div>
              {photosOpen === item.id && (
                <PhotoSlot ownerType="checklistItem" ownerId={`${assessment.id}:${item.id}`} inspectionId={assessment.inspectionId} assessmentId={assessment.id} />
              )}
              </Fragment>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function NoteInput({ value, disabled, onChange }: { value: string; disabled: boolean; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);
  return (
    <Input
      size="small"
      value={text}
      disabled={disabled}
      placeholder="备注"
      maxLength={500}
      onFocus={() => (focused.current = true)}
      onBlur={() => (focused.current = false)}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}
