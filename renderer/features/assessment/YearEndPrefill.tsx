import { App, Button, Card, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Assessment, Inspection, PhoneCallRow } from '../../../shared/domain/inspections';
import { hallsSuggestion } from '../../../shared/inspections/checklist';
import { parseDerivedOverride } from '../../../shared/inspections/derived';
import { PHONE_OUTCOME_LABELS, PHONE_OUTCOMES, PHONE_SLOT_LABELS, phoneSlotOf, recordedOutcome, type PhoneCallOutcome } from '../../../shared/inspections/phoneCalls';
import { monthDay, phoneOverridePreview, prefillYearEnd, type PrefillOffer } from '../../../shared/inspections/prefill';
import { FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/index';
import { findRule, type RangeRule } from '../../../shared/scheme';
import { formatPoints } from '../../../shared/points/points';
import type { RuleResponse } from '../../../shared/scoring/responses';
import { useSession } from '../../store/sessionStore';
import { yearPaths } from '../year/paths';
import { useUnitYear } from '../year/yearData';
import { PrefillRepository } from './prefillRepository';
import type { AssessmentState } from './useAssessmentState';

interface Offer extends PrefillOffer {
  ruleText: string;
  valueText: string;
}

function valueText(r: RuleResponse | undefined): string {
  if (!r) return '未评';
  if ('count' in r) return `${r.count}`;
  if ('value' in r) return `${formatPoints(typeof r.value === 'number' ? r.value : Math.round(Number(r.value) * 1000))} 分`;
  if ('quarters' in r) return `${r.quarters.reduce((n, q) => n + q.calls.length, 0)} 次拨测`;
  return '已评';
}

/**
 * The year-end assessment starts from the year: one line per rule a record
 * feeds, citing the records; the inspector confirms each offer or overrides it
 * with a reason. Rules fed by year-long records follow them (derived); the
 * others take the offer only when confirmed.
 */
export function YearEndPrefill({ inspection, assessment, state }: { inspection: Inspection; assessment: Assessment; state: AssessmentState }) {
  const { db, logger } = useSession();
  const { message } = App.useApp();
  const year = useUnitYear(assessment.targetId, inspection.year);
  const decisions = useLiveQuery(() => db.prefillDecisions.where('assessmentId').equals(assessment.id).toArray(), [db, assessment.id]);
  const [override, setOverride] = useState<{ offer: Offer; count: number | null; reason: string } | null>(null);
  const [phoneOverride, setPhoneOverride] = useState<{ offer: Offer; outcomes: Record<string, PhoneCallOutcome>; reason: string } | null>(null);
  const repo = useMemo(() => new PrefillRepository(db, logger), [db, logger]);
  const scheme = inspection.scheme;

  const offers = useMemo<Offer[]>(() => {
    if (!year) return [];
    const list: PrefillOffer[] = prefillYearEnd(scheme, {
      phoneCalls: year.phoneCalls,
      complaintCases: year.complaintCases,
      bulletins: year.bulletins,
      findings: year.findings,
      roundTitles: new Map(year.rounds.map((r) => [r.id, r.title])),
    });
    // The county's 实体政务公开场所 bonus from its visited halls.
    const hallRule = FIVE_UNIFIED_CHECKLIST.linkedRuleIds.map((id) => findRule(scheme, id)).find((r): r is RangeRule => r?.kind === 'range');
    // Only halls actually walked through (a visit not yet checked says nothing).
    const visits = year.halls.flatMap((h) => h.visits).filter((v) => v.summary.unanswered < v.summary.items);
    const sug = hallRule ? hallsSuggestion(visits, hallRule) : null;
    if (hallRule && sug) {
      list.push({ ruleId: hallRule.id, indicatorId: '', source: 'finding', response: { value: sug.value, reason: sug.reason }, count: visits.length, lines: [sug.text, sug.reason], recordIds: visits.map((v) => v.assessment.id), derived: false });
    }
    return list.map((o) => ({ ...o, ruleText: findRule(scheme, o.ruleId)?.text ?? o.ruleId, valueText: valueText(o.response) }));
  }, [year, scheme]);
  const decided = new Map((decisions ?? []).map((d) => [d.ruleId, d]));
  const locked = state.locked;

  const confirm = async (o: Offer) => {
    try {
      await repo.decide(assessment.id, o.ruleId, { decision: 'confirmed', offered: o.response, response: o.response, reason: '', derived: o.derived });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const confirmAll = async () => {
    for (const o of offers) if (!decided.has(o.ruleId)) await confirm(o);
  };
  const saveOverride = async () => {
    if (!override) return;
    const { offer, count, reason } = override;
    if (!reason.trim()) {
      message.error('改动预填结果须说明理由');
      return;
    }
    const response: RuleResponse | null = 'count' in offer.response ? { count: count ?? 0 } : 'value' in offer.response ? { value: String(count ?? 0), reason: reason.trim() } : null;
    try {
      await repo.decide(assessment.id, offer.ruleId, { decision: 'overridden', offered: offer.response, response, reason, derived: offer.derived });
      setOverride(null);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const savePhoneOverride = async () => {
    if (!phoneOverride) return;
    const { offer, outcomes, reason } = phoneOverride;
    if (!reason.trim()) {
      message.error('改动预填结果须说明理由');
      return;
    }
    try {
      await repo.overridePhone(assessment.id, offer.ruleId, { offered: offer.response, override: { calls: outcomes }, reason });
      setPhoneOverride(null);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  /** What an override set the rule to: the count, or for 拨测 the rule's points under the calls as judged. */
  const decidedText = (o: Offer, d: { decision: string; response?: string | null }) => {
    const ov = parseDerivedOverride(d);
    if (o.source === 'phone' && ov && 'calls' in ov) {
      const p = phoneOverridePreview(scheme, o.ruleId, year?.phoneCalls ?? [], ov);
      return `本项 ${p.overridden?.pointsText ?? '0'} 分（按记录 ${p.recorded?.pointsText ?? '0'} 分）`;
    }
    return valueText(state.stored[o.ruleId]);
  };
  const phoneChanges = (o: Offer, d: { decision: string; response?: string | null }) => {
    const ov = parseDerivedOverride(d);
    return ov && 'calls' in ov ? phoneOverridePreview(scheme, o.ruleId, year?.phoneCalls ?? [], ov).lines : [];
  };
  const openOverride = (o: Offer) => {
    if (o.source === 'phone') setPhoneOverride({ offer: o, outcomes: {}, reason: '' });
    else setOverride({ offer: o, count: 'count' in o.response ? o.response.count : 'value' in o.response ? Number(o.response.value) / 1000 : 0, reason: '' });
  };

  if (!year) return null;
  const open = offers.filter((o) => !decided.has(o.ruleId)).length;
  return (
    <Card
      size="small"
      style={{ marginBottom: 8 }}
      data-testid="year-prefill"
      title={
        <Space>
          <span>全年记录预填</span>
          <Tag color={open ? 'orange' : 'green'}>{open ? `待确认 ${open} 项` : '已全部确认'}</Tag>
        </Space>
      }
      extra={
        <Space>
          <Link to={yearPaths.unit(inspection.year, assessment.targetId)}>单位年度档案</Link>
          <Button size="small" type="primary" disabled={locked || open === 0} onClick={() => void confirmAll()} data-testid="prefill-confirm-all">
            全部采用
          </Button>
        </Space>
      }
    >
      {offers.length === 0 ? (
        <Typography.Text type="secondary">本年度尚无可预填的记录（拨测、通报、投诉件、现场问题、大厅五统一核查）。</Typography.Text>
      ) : (
        <ul className="zw-prefill">
          {offers.map((o) => {
            const d = decided.get(o.ruleId);
            return (
              <li key={o.ruleId} data-testid="prefill-offer" data-rule={o.ruleId}>
                <div className="zw-prefill-head">
                  <Typography.Text strong>{o.ruleText}</Typography.Text>
                  <Tag>{o.derived ? `随记录自动计入 ${o.valueText}` : `预填 ${o.valueText}`}</Tag>
                  {d ? (
                    <Tag color={d.decision === 'confirmed' ? 'green' : 'gold'} data-testid="prefill-decision">
                      {d.decision === 'confirmed' ? `已确认（${d.decidedBy}）` : `已改为 ${decidedText(o, d)}：${d.reason}`}
                    </Tag>
                  ) : (
                    !locked && (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => void confirm(o)}>
                          确认
                        </Button>
                        {(!o.derived || 'count' in o.response || o.source === 'phone') && (
                          <Button type="link" size="small" onClick={() => openOverride(o)}>
                            改动
                          </Button>
                        )}
                      </Space>
                    )
                  )}
                </div>
                {o.lines.map((l, i) => (
                  <div key={i} className="zw-prefill-line">
                    {l}
                  </div>
                ))}
                {d && o.source === 'phone' && phoneChanges(o, d).map((l, i) => (
                  <div key={`c${i}`} className="zw-prefill-line zw-prefill-changed">
                    {l}
                  </div>
                ))}
              </li>
            );
          })}
        </ul>
      )}
      {phoneOverride && (
        <PhoneOverrideModal
          inspection={inspection}
          calls={year.phoneCalls}
          value={phoneOverride}
          onChange={(v) => setPhoneOverride({ ...phoneOverride, ...v })}
          onCancel={() => setPhoneOverride(null)}
          onOk={() => void savePhoneOverride()}
        />
      )}
      <Modal open={!!override} title="改动预填结果" okText="保存" onCancel={() => setOverride(null)} onOk={() => void saveOverride()} destroyOnHidden>
        {override && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>{override.offer.ruleText}</Typography.Text>
            <InputNumber
              min={0}
              step={'value' in override.offer.response ? 0.1 : 1}
              value={override.count}
              onChange={(v) => setOverride({ ...override, count: v })}
              suffix={'value' in override.offer.response ? '分' : '次/件'}
              aria-label="改为"
            />
            <Input.TextArea rows={2} placeholder="改动理由（必填）" value={override.reason} onChange={(e) => setOverride({ ...override, reason: e.target.value })} aria-label="改动理由" />
          </Space>
        )}
      </Modal>
    </Card>
  );
}

function callLabel(c: PhoneCallRow): string {
  const slot = phoneSlotOf(c.at);
  return `${monthDay(c.at)} ${c.at.slice(11, 16)}${slot ? `（${PHONE_SLOT_LABELS[slot]}）` : ''}`;
}

/**
 * Overriding the 拨测 rule: every call of the year with what its record says,
 * and a judgment to pick for the calls the inspector changes (无人接听, 接听,
 * 回答存在明显问题, 不计入); the rule's points under the judgment are shown
 * before saving, computed as the year-end score counts them.
 */
function PhoneOverrideModal({
  inspection,
  calls,
  value,
  onChange,
  onCancel,
  onOk,
}: {
  inspection: Inspection;
  calls: PhoneCallRow[];
  value: { offer: Offer; outcomes: Record<string, PhoneCallOutcome>; reason: string };
  onChange: (v: Partial<{ outcomes: Record<string, PhoneCallOutcome>; reason: string }>) => void;
  onCancel: () => void;
  onOk: () => void;
}) {
  const preview = phoneOverridePreview(inspection.scheme, value.offer.ruleId, calls, { calls: value.outcomes });
  return (
    <Modal open title="改动拨测预填结果" okText="保存" onCancel={onCancel} onOk={onOk} width={640} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{value.offer.ruleText}：逐次选择判定，未改动的拨测按记录计入。</Typography.Text>
        <table className="zw-phone-override" data-testid="phone-override-calls">
          <thead>
            <tr>
              <th>拨测时间</th>
              <th>号码</th>
              <th>记录</th>
              <th>判定</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => {
              const label = callLabel(c);
              return (
                <tr key={c.id}>
                  <td>{label}</td>
                  <td>{c.number}</td>
                  <td>{PHONE_OUTCOME_LABELS[recordedOutcome(c)]}</td>
                  <td>
                    <Select
                      size="small"
                      style={{ width: 190 }}
                      aria-label={`${label}的判定`}
                      value={value.outcomes[c.id] ?? recordedOutcome(c)}
                      options={PHONE_OUTCOMES.map((o) => ({ value: o, label: PHONE_OUTCOME_LABELS[o] }))}
                      onChange={(o: PhoneCallOutcome) => onChange({ outcomes: { ...value.outcomes, [c.id]: o } })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <Typography.Text data-testid="phone-override-preview">
          改动后本项 {preview.overridden?.pointsText ?? '0'} 分（按记录 {preview.recorded?.pointsText ?? '0'} 分）
        </Typography.Text>
        <Input.TextArea rows={2} placeholder="改动理由（必填）" value={value.reason} onChange={(e) => onChange({ reason: e.target.value })} aria-label="改动理由" />
      </Space>
    </Modal>
  );
}
