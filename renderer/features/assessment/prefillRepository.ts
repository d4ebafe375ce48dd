import type { Assessment } from '../../../shared/domain/inspections';
import type { PrefillDecision } from '../../../shared/domain/year';
import { phoneRuleIds } from '../../../shared/inspections/derived';
import { normalizePhoneOverride, phoneOverrideProblem, type PhoneOverride } from '../../../shared/inspections/phoneCalls';
import type { RuleResponse } from '../../../shared/scoring/responses';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { AssessmentInputError, AssessmentLockedError, AssessmentRepository } from './assessmentRepository';

/**
 * The inspector's decisions on the year-end pre-fill: confirm an offer (its
 * response is written for rules that are not derived) or override it with a
 * reason (the inspector's own response is written; for the 拨测 rule, the
 * judgment of the calls it changes). Change-logged.
 */
export class PrefillRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  decisions(assessmentId: string): Promise<PrefillDecision[]> {
    return this.db.prefillDecisions.where('assessmentId').equals(assessmentId).toArray();
  }

  private tables() {
    const d = this.db;
    return [d.assessments, d.inspections, d.phoneCalls, d.complaintCases, d.bulletins, d.responses, d.prefillDecisions, d.changes];
  }

  private async openAssessment(assessmentId: string): Promise<Assessment> {
    const a = await this.db.assessments.get(assessmentId);
    if (!a || a.deleted) throw new AssessmentInputError('评分记录不存在或已被移出检查任务');
    if (a.status === 'submitted') throw new AssessmentLockedError(a.targetName);
    return a;
  }

  private async saveDecision(assessmentId: string, ruleId: string, decision: PrefillDecision['decision'], offered: RuleResponse, reason: string, response: unknown): Promise<void> {
    const now = this.logger.nowIso();
    const row: PrefillDecision = {
      id: `${assessmentId}:${ruleId}`,
      assessmentId,
      ruleId,
      decision,
      offered: JSON.stringify(offered),
      reason,
      response: response === null ? null : JSON.stringify(response),
      decidedBy: this.logger.author,
      decidedAt: now,
      updatedAt: now,
    };
    await this.logger.save(this.db.prefillDecisions, [row]);
  }

  async decide(
    assessmentId: string,
    ruleId: string,
    input: { decision: 'confirmed' | 'overridden'; offered: RuleResponse; response: RuleResponse | null; reason: string; derived: boolean },
  ): Promise<void> {
    const reason = checkReason(input.decision, input.reason);
    if (input.decision === 'overridden' && input.derived && !(input.response && 'count' in input.response)) throw new AssessmentInputError('该项只能改为次数，或在单位年度档案中更正记录');
    if (input.decision === 'overridden' && input.response && 'count' in input.response && !(Number.isInteger(input.response.count) && input.response.count >= 0 && input.response.count <= 1000)) {
      throw new AssessmentInputError('次数应为0到1000之间的整数');
    }
    const assessments = new AssessmentRepository(this.db, this.logger);
    await this.db.transaction('rw', this.tables(), async () => {
      const a = await this.openAssessment(assessmentId);
      if (input.decision === 'overridden' && input.derived) {
        const inspection = await this.db.inspections.get(a.inspectionId);
        if (inspection && phoneRuleIds(inspection.scheme).includes(ruleId)) throw new AssessmentInputError('拨测项须逐次改判，请在拨测改动中选择每次拨测的判定');
      }
      if (!input.derived && input.response) await assessments.setResponse(assessmentId, ruleId, input.response);
      await this.saveDecision(assessmentId, ruleId, input.decision, input.offered, reason, input.decision === 'overridden' && input.response ? input.response : null);
      // A derived rule follows the override from now on (or the records again once confirmed).
      if (input.derived) await assessments.syncDerived(assessmentId);
    });
  }

  /**
   * Overrides the 拨测 rule: each call named is judged as the inspector says
   * (无人接听, 接听, 回答存在明显问题, or 不计入), every other call counts as
   * logged. Only what differs from the records is kept; an override that
   * changes nothing, or names a call the unit's year does not hold, is refused.
   */
  async overridePhone(assessmentId: string, ruleId: string, input: { offered: RuleResponse; override: PhoneOverride; reason: string }): Promise<void> {
    const reason = checkReason('overridden', input.reason);
    const assessments = new AssessmentRepository(this.db, this.logger);
    await this.db.transaction('rw', this.tables(), async () => {
      const a = await this.openAssessment(assessmentId);
      const inspection = await this.db.inspections.get(a.inspectionId);
      if (!inspection || inspection.deleted) throw new AssessmentInputError('检查任务不存在或已被删除');
      if (!phoneRuleIds(inspection.scheme).includes(ruleId)) throw new AssessmentInputError('该项不是拨测项，不能逐次改判');
      const { phoneCalls } = await assessments.derivedInputs(a, inspection);
      const problem = phoneOverrideProblem(phoneCalls, input.override);
      if (problem) throw new AssessmentInputError(problem);
      await this.saveDecision(assessmentId, ruleId, 'overridden', input.offered, reason, normalizePhoneOverride(phoneCalls, input.override));
      await assessments.syncDerived(assessmentId);
    });
  }
}

function checkReason(decision: PrefillDecision['decision'], text: string): string {
  const reason = text.trim();
  if (decision === 'overridden' && !reason) throw new AssessmentInputError('改动预填结果须说明理由');
  if (reason.length > 500) throw new AssessmentInputError('理由不能超过500个字');
  return reason;
}
