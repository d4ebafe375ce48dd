import type { PrefillDecision } from '../../../shared/domain/year';
import type { RuleResponse } from '../../../shared/scoring/responses';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { AssessmentInputError, AssessmentLockedError, AssessmentRepository } from './assessmentRepository';

/**
 * The inspector's decisions on the year-end pre-fill: confirm an offer (its
 * response is written for rules that are not derived) or override it with a
 * reason (the inspector's own response is written). Change-logged.
 */
export class PrefillRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  decisions(assessmentId: string): Promise<PrefillDecision[]> {
    return this.db.prefillDecisions.where('assessmentId').equals(assessmentId).toArray();
  }

  async decide(
    assessmentId: string,
    ruleId: string,
    input: { decision: 'confirmed' | 'overridden'; offered: RuleResponse; response: RuleResponse | null; reason: string; derived: boolean },
  ): Promise<void> {
    const reason = input.reason.trim();
    if (input.decision === 'overridden' && !reason) throw new AssessmentInputError('改动预填结果须说明理由');
    if (reason.length > 500) throw new AssessmentInputError('理由不能超过500个字');
    if (input.decision === 'overridden' && input.derived && !(input.response && 'count' in input.response)) throw new AssessmentInputError('该项只能改为次数，或在单位年度档案中更正记录');
    if (input.decision === 'overridden' && input.response && 'count' in input.response && !(Number.isInteger(input.response.count) && input.response.count >= 0 && input.response.count <= 1000)) {
      throw new AssessmentInputError('次数应为0到1000之间的整数');
    }
    const assessments = new AssessmentRepository(this.db, this.logger);
    const d = this.db;
    await this.db.transaction('rw', [d.assessments, d.inspections, d.phoneCalls, d.complaintCases, d.bulletins, d.responses, d.prefillDecisions, d.changes], async () => {
      const a = await this.db.assessments.get(assessmentId);
      if (!a || a.deleted) throw new AssessmentInputError('评分记录不存在或已被移出检查任务');
      if (a.status === 'submitted') throw new AssessmentLockedError(a.targetName);
      if (!input.derived && input.response) await assessments.setResponse(assessmentId, ruleId, input.response);
      const now = this.logger.nowIso();
      const row: PrefillDecision = {
        id: `${assessmentId}:${ruleId}`,
        assessmentId,
        ruleId,
        decision: input.decision,
        offered: JSON.stringify(input.offered),
        reason,
        response: input.decision === 'overridden' && input.response ? JSON.stringify(input.response) : null,
        decidedBy: this.logger.author,
        decidedAt: now,
        updatedAt: now,
      };
      await this.logger.save(this.db.prefillDecisions, [row]);
      // A derived rule follows the override from now on (or the records again once confirmed).
      if (input.derived) await assessments.syncDerived(assessmentId);
    });
  }
}
