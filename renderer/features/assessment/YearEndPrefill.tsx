import { App, Button, Card, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import { hallsSuggestion } from '../../../shared/inspections/checklist';
import { prefillYearEnd, type PrefillOffer } from '../../../shared/inspections/prefill';
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
                    <Tag color={d.decision === 'confirmed' ? 'green' : 'gold'}>{d.decision === 'confirmed' ? `已确认（${d.decidedBy}）` : `已改为 ${valueText(state.stored[o.ruleId])}：${d.reason}`}</Tag>
                  ) : (
                    !locked && (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => void confirm(o)}>
                          确认
                        </Button>
                        {(!o.derived || 'count' in o.response) && (
                          <Button type="link" size="small" onClick={() => setOverride({ offer: o, count: 'count' in o.response ? o.response.count : 'value' in o.response ? Number(o.response.value) / 1000 : 0, reason: '' })}>
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
              </li>
            );
          })}
        </ul>
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
