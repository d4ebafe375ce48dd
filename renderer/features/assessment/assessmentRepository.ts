import Dexie from 'dexie';
import type { ChecklistAnswer, ChecklistStatus, PhoneCallRow, ResponseRow, Assessment, IndicatorNote, Inspection } from '../../../shared/domain/inspections';
import { derivedOverrides, derivedRuleIds, withDerivedResponses } from '../../../shared/inspections/derived';
import { newPhoneCallRow, phoneCallFields, phoneCallProblem } from '../../../shared/inspections/phoneCalls';
import { takeSnapshot } from '../../../shared/inspections/snapshot';
import { scoreAssessment } from '../../../shared/scoring/engine';
import { callsCountedBy, roundAsOf } from '../../../shared/inspections/yearRecords';
import { RuleResponseSchema, type RuleResponse } from '../../../shared/scoring/responses';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { LEAD_ONLY, mayLead } from '../trust/officeKeys';
import { readWorkCalendar } from '../settings/workSettings';

/** Writing to a submitted (locked) assessment is refused with this error. */
export class AssessmentLockedError extends Error {
  constructor(name: string) {
    super(`「${name}」的评分已提交锁定，如需修改请先解锁并说明理由`);
    this.name = 'AssessmentLockedError';
  }
}

export class AssessmentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssessmentInputError';
  }
}

export function responseRowId(assessmentId: string, ruleId: string): string {
  return `${assessmentId}:${ruleId}`;
}

export type PhoneCallInput = Pick<PhoneCallRow, 'quarter' | 'number' | 'at' | 'answered' | 'correct' | 'caller' | 'note'>;

/**
 * Everything recorded inside one assessment: responses (one row per rule),
 * notes, the 拨测 log, the 五统一 walk-through. Every write is change-logged and
 * refused while the assessment is submitted. Responses derived from other
 * records (phone rule ← 拨测 log, rectification rules ← findings) are written
 * here too, so exports reading db.responses see the same numbers as the screen.
 */
export class AssessmentRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  private async openAssessment(id: string): Promise<Assessment> {
    const a = await this.db.assessments.get(id);
    if (!a || a.deleted) throw new AssessmentInputError('评分记录不存在或已被移出检查任务');
    if (a.status === 'submitted') throw new AssessmentLockedError(a.targetName);
    return a;
  }

  async responses(assessmentId: string): Promise<ResponseRow[]> {
    return this.db.responses.where('assessmentId').equals(assessmentId).toArray();
  }

  /** Saves one rule's response (null clears it). */
  async setResponse(assessmentId: string, ruleId: string, response: RuleResponse | null): Promise<void> {
    if (response !== null && !RuleResponseSchema.safeParse(response).success) throw new AssessmentInputError('评分记录格式不正确，未保存');
    await this.db.transaction('rw', [this.db.assessments, this.db.inspections, this.db.responses, this.db.changes], async () => {
      const a = await this.openAssessment(assessmentId);
      const inspection = await this.db.inspections.get(a.inspectionId);
      if (inspection && derivedRuleIds(inspection.scheme).has(ruleId) && response !== null && !('quarters' in response && response.quarters.length === 0)) {
        throw new AssessmentInputError('该项由拨测记录、投诉件或通报记录自动计算，不能直接修改');
      }
      await this.writeResponses(a, [[ruleId, response]]);
    });
  }

  /** Saves several responses at once (本项无问题). */
  async setResponses(assessmentId: string, entries: [ruleId: string, response: RuleResponse | null][]): Promise<void> {
    await this.db.transaction('rw', [this.db.assessments, this.db.responses, this.db.changes], async () => {
      const a = await this.openAssessment(assessmentId);
      await this.writeResponses(a, entries);
    });
  }

  private async writeResponses(a: Assessment, entries: [string, RuleResponse | null][]): Promise<void> {
    const now = this.logger.nowIso();
    const rows: ResponseRow[] = entries.map(([ruleId, response]) => ({
      id: responseRowId(a.id, ruleId),
      assessmentId: a.id,
      inspectionId: a.inspectionId,
      ruleId,
      response,
      updatedAt: now,
    }));
    await this.logger.save(this.db.responses, rows);
  }

  async setNote(assessmentId: string, indicatorId: string, text: string): Promise<void> {
    if (text.length > 2000) throw new AssessmentInputError('备注不能超过2000个字');
    await this.db.transaction('rw', [this.db.assessments, this.db.indicatorNotes, this.db.changes], async () => {
      await this.openAssessment(assessmentId);
      const row: IndicatorNote = { id: `${assessmentId}:${indicatorId}`, assessmentId, indicatorId, text, updatedAt: this.logger.nowIso() };
      const existing = await this.db.indicatorNotes.get(row.id);
      if (!existing && !text) return;
      await this.logger.save(this.db.indicatorNotes, [row]);
    });
  }

  // ---- 拨测 --------------------------------------------------------------

  async phoneCalls(assessmentId: string): Promise<PhoneCallRow[]> {
    const rows = await this.db.phoneCalls.where('[assessmentId+deleted]').equals([assessmentId, 0]).toArray();
    return rows.sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Every 拨测 call of the unit in the year (all rounds and the year file), in time order. */
  async yearPhoneCalls(targetId: string, year: number): Promise<PhoneCallRow[]> {
    const rows = await this.db.phoneCalls.where('[targetId+year]').equals([targetId, year]).toArray();
    return rows.filter((r) => !r.deleted).sort((a, b) => a.at.localeCompare(b.at));
  }

  private checkCall(input: PhoneCallInput): void {
    const problem = phoneCallProblem(input);
    if (problem) throw new AssessmentInputError(problem);
  }

  async addPhoneCall(assessmentId: string, input: PhoneCallInput): Promise<PhoneCallRow> {
    this.checkCall(input);
    return this.db.transaction('rw', this.phoneTables(), async () => {
      const a = await this.openAssessment(assessmentId);
      const place = {
        assessmentId,
        inspectionId: a.inspectionId,
        targetId: a.targetId,
        year: (await this.db.inspections.get(a.inspectionId))?.year ?? Number(input.at.slice(0, 4)),
      };
      const row = newPhoneCallRow(uuidv7(), place, input, this.logger.nowIso());
      await this.logger.save(this.db.phoneCalls, [row]);
      await this.syncDerived(assessmentId);
      return row;
    });
  }

  async updatePhoneCall(id: string, input: PhoneCallInput): Promise<void> {
    this.checkCall(input);
    await this.db.transaction('rw', this.phoneTables(), async () => {
      const row = await this.db.phoneCalls.get(id);
      if (!row || row.deleted) throw new AssessmentInputError('拨测记录不存在或已删除');
      await this.openAssessment(row.assessmentId);
      await this.logger.patch(this.db.phoneCalls, id, phoneCallFields(input));
      await this.syncDerived(row.assessmentId);
    });
  }

  async deletePhoneCall(id: string): Promise<void> {
    await this.db.transaction('rw', this.phoneTables(), async () => {
      const row = await this.db.phoneCalls.get(id);
      if (!row || row.deleted) return;
      await this.openAssessment(row.assessmentId);
      await this.logger.patch(this.db.phoneCalls, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
      await this.syncDerived(row.assessmentId);
    });
  }

  private phoneTables() {
    return [this.db.assessments, this.db.inspections, this.db.phoneCalls, this.db.complaintCases, this.db.bulletins, this.db.prefillDecisions, this.db.findings, this.db.responses, this.db.changes];
  }

  // ---- 五统一 ------------------------------------------------------------

  async checklistAnswers(assessmentId: string): Promise<ChecklistAnswer[]> {
    return this.db.checklistAnswers.where('assessmentId').equals(assessmentId).toArray();
  }

  async setChecklistAnswer(assessmentId: string, itemId: string, value: { status: ChecklistStatus | null; note: string }): Promise<void> {
    if (value.note.length > 500) throw new AssessmentInputError('备注不能超过500个字');
    await this.db.transaction('rw', [this.db.assessments, this.db.checklistAnswers, this.db.changes], async () => {
      await this.openAssessment(assessmentId);
      const row: ChecklistAnswer = { id: `${assessmentId}:${itemId}`, assessmentId, itemId, status: value.status, note: value.note, updatedAt: this.logger.nowIso() };
      await this.logger.save(this.db.checklistAnswers, [row]);
    });
  }

  // ---- submission ---------------------------------------------------------

  /**
   * 提交: locks the assessment and stores the score as submitted (responses,
   * total and explanation, the inputs' hash, a version number). Lists and
   * documents show that snapshot from now on; nothing recorded later
   * (follow-up, notices) changes it.
   */
  async submit(id: string): Promise<Assessment> {
    const calendar = await readWorkCalendar(this.db);
    return this.db.transaction('rw', [this.db.assessments, this.db.inspections, this.db.phoneCalls, this.db.complaintCases, this.db.bulletins, this.db.prefillDecisions, this.db.responses, this.db.changes], async () => {
      const a = await this.db.assessments.get(id);
      if (!a || a.deleted) throw new AssessmentInputError('评分记录不存在或已被移出');
      if (a.status === 'submitted') throw new AssessmentInputError('该评分记录已提交');
      const inspection = await this.db.inspections.get(a.inspectionId);
      if (!inspection) throw new AssessmentInputError('检查任务不存在或已被删除');
      await this.syncDerived(id);
      const { responses } = await this.liveResponses(a, inspection);
      const submittedAt = this.logger.nowIso();
      const snapshot = takeSnapshot({
        scheme: inspection.scheme,
        schemeHash: inspection.schemeHash,
        responses,
        submittedAt,
        submittedBy: this.logger.author,
        previous: a.scoreSnapshot ?? null,
        options: { calendar },
      });
      return this.logger.patch<Assessment>(this.db.assessments, id, { status: 'submitted', submittedAt, submittedBy: this.logger.author, scoreSnapshot: snapshot });
    });
  }

  /** 解锁: reopens a submitted assessment; a reason is required and kept in the change log. The last snapshot stays as history. */
  async unlock(id: string, reason: string): Promise<Assessment> {
    const text = reason.trim();
    if (text.length < 2) throw new AssessmentInputError('请填写解锁理由');
    if (text.length > 200) throw new AssessmentInputError('解锁理由不能超过200个字');
    const a = await this.db.assessments.get(id);
    if (!a || a.deleted) throw new AssessmentInputError('评分记录不存在或已被移出');
    if (a.status !== 'submitted') throw new AssessmentInputError('该评分记录未提交，无需解锁');
    if (!(await mayLead(this.db))) throw new AssessmentInputError(`解锁已提交的评分${LEAD_ONLY}`);
    return this.logger.patch<Assessment>(this.db.assessments, id, { status: 'open', submittedAt: null, submittedBy: null, unlockReason: text });
  }

  /** The live score of an assessment (stored responses plus derived rules), as an open assessment shows it. */
  async liveScore(id: string) {
    const a = await this.db.assessments.get(id);
    if (!a) throw new AssessmentInputError('评分记录不存在或已被移出');
    const inspection = await this.db.inspections.get(a.inspectionId);
    if (!inspection) throw new AssessmentInputError('检查任务不存在或已被删除');
    const { responses } = await this.liveResponses(a, inspection);
    return scoreAssessment(inspection.scheme, responses, { calendar: await readWorkCalendar(this.db) });
  }

  /** Stored responses plus the derived rules, from the same year-long records the screen and syncDerived use. */
  private async liveResponses(a: Assessment, inspection: Inspection) {
    const [rows, inputs] = await Promise.all([this.responses(a.id), this.derivedInputs(a, inspection)]);
    const stored: Record<string, RuleResponse> = {};
    for (const r of rows) if (r.response !== null) stored[r.ruleId] = r.response;
    return withDerivedResponses(inspection.scheme, stored, inputs);
  }

  /**
   * What feeds the derived rules of one assessment: the unit's 拨测 counted by
   * its round, complaint cases and 通报 of the year. The screen scores from the
   * same sources, so what it shows on opening is what syncDerived writes.
   */
  async derivedInputs(a: Pick<Assessment, 'id' | 'targetId'>, inspection: Pick<Inspection, 'kind' | 'year' | 'endDate'>) {
    const [calls, complaintCases, bulletins, decisions] = await Promise.all([
      this.db.phoneCalls.where('[targetId+year]').equals([a.targetId, inspection.year]).toArray(),
      this.db.complaintCases.where('[targetId+year]').equals([a.targetId, inspection.year]).toArray(),
      this.db.bulletins.where('[targetId+year]').equals([a.targetId, inspection.year]).toArray(),
      this.db.prefillDecisions.where('assessmentId').equals(a.id).toArray(),
    ]);
    return { phoneCalls: callsCountedBy(inspection, a, calls), complaintCases, bulletins, asOf: roundAsOf(inspection), overrides: derivedOverrides(decisions) };
  }

  /** Several checklist answers in one transaction (全部达标 / 本维度全部达标). */
  async setChecklistAnswers(assessmentId: string, values: { itemId: string; status: ChecklistStatus | null; note: string }[]): Promise<void> {
    if (values.some((v) => v.note.length > 500)) throw new AssessmentInputError('备注不能超过500个字');
    await this.db.transaction('rw', [this.db.assessments, this.db.checklistAnswers, this.db.changes], async () => {
      await this.openAssessment(assessmentId);
      const at = this.logger.nowIso();
      const rows: ChecklistAnswer[] = values.map((v) => ({ id: `${assessmentId}:${v.itemId}`, assessmentId, itemId: v.itemId, status: v.status, note: v.note, updatedAt: at }));
      await this.logger.save(this.db.checklistAnswers, rows);
    });
  }

  // ---- derived responses --------------------------------------------------

  /**
   * Brings the stored responses of derived rules (phone ← 拨测 log, complaint
   * rules ← complaint cases, 通报 rule ← 通报 records) in line with their
   * sources, so exports reading db.responses see the same numbers as the
   * screen. Runs inside the caller's transaction when there is one. A
   * submitted assessment is left as it was submitted: its score never changes
   * by itself. Returns how many rows changed.
   */
  async syncDerived(assessmentId: string): Promise<number> {
    const tables = [this.db.assessments, this.db.inspections, this.db.phoneCalls, this.db.complaintCases, this.db.bulletins, this.db.prefillDecisions, this.db.responses, this.db.changes];
    // Called from a transaction that cannot see the year-long records (e.g. a
    // finding's status change): nothing derived can have changed, since
    // findings feed no derived rule.
    const current = Dexie.currentTransaction;
    if (current && !tables.every((t) => current.storeNames.includes(t.name))) return 0;
    return this.db.transaction('rw', tables, async () => {
      const a = await this.db.assessments.get(assessmentId);
      if (!a || a.deleted || a.status === 'submitted') return 0;
      const inspection = await this.db.inspections.get(a.inspectionId);
      if (!inspection) return 0;
      const [inputs, stored] = await Promise.all([this.derivedInputs(a, inspection), this.responses(assessmentId)]);
      const { derived } = withDerivedResponses(inspection.scheme, {}, inputs);
      const byRule = new Map(stored.map((r) => [r.ruleId, r]));
      const now = this.logger.nowIso();
      const rows: ResponseRow[] = [];
      for (const ruleId of derivedRuleIds(inspection.scheme)) {
        const want = derived.get(ruleId) ?? null;
        const have = byRule.get(ruleId);
        // A phone rule with no calls keeps whatever the inspector set (e.g. 本项无问题).
        if (want === null && (!have || have.response === null || isEmptyPhone(have.response))) continue;
        if (have && JSON.stringify(have.response) === JSON.stringify(want)) continue;
        rows.push({ id: responseRowId(assessmentId, ruleId), assessmentId, inspectionId: a.inspectionId, ruleId, response: want, updatedAt: now });
      }
      return this.logger.save(this.db.responses, rows);
    });
  }
}

function isEmptyPhone(r: RuleResponse): boolean {
  return 'quarters' in r && r.quarters.length === 0;
}
