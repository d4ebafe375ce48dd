import type { PhoneCallRow } from '../../../shared/domain/inspections';
import { ComplaintCaseRowSchema, BulletinRecordRowSchema, type BulletinRecord, type ComplaintCase } from '../../../shared/domain/year';
import { newPhoneCallRow, phoneCallProblem, type PhoneCallEntry } from '../../../shared/inspections/phoneCalls';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { AssessmentInputError, AssessmentRepository } from '../assessment/assessmentRepository';

export class YearInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YearInputError';
  }
}

export type ComplaintCaseInput = Omit<ComplaintCase, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'deleted'>;
export type BulletinInput = Omit<BulletinRecord, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'deleted'>;
export interface YearPhoneCallInput extends PhoneCallEntry {
  note: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string | null, label: string, year: number, required = false): void {
  if (value === null || value === '') {
    if (required) throw new YearInputError(`请填写${label}`);
    return;
  }
  if (!DATE.test(value)) throw new YearInputError(`${label}应为有效日期`);
  const y = Number(value.slice(0, 4));
  if (y < year || y > year + 1) throw new YearInputError(`${label}不在${year}年度内`);
}

/** Checks a complaint case as a person entered it; throws a Chinese message. */
export function checkComplaintCase(c: ComplaintCaseInput): void {
  if (!c.summary.trim()) throw new YearInputError('请填写来件反映的问题');
  checkDate(c.receivedAt, '来件日期', c.year, true);
  checkDate(c.inquirySentAt, '函询日期', c.year);
  checkDate(c.replyDeadline, '回复期限', c.year);
  checkDate(c.repliedAt, '回复日期', c.year);
  checkDate(c.verifiedAt, '核实日期', c.year);
  checkDate(c.rectificationRequiredAt, '书面要求整改日期', c.year);
  checkDate(c.rectificationDeadline, '整改期限', c.year);
  checkDate(c.rectificationCheckedAt, '整改核查日期', c.year);
  if (c.inquirySentAt && !c.replyDeadline) throw new YearInputError('已发函询的，请填写回复期限');
  if (c.inquirySentAt && c.inquirySentAt < c.receivedAt) throw new YearInputError('函询日期不能早于来件日期');
  if (c.replyDeadline && c.inquirySentAt && c.replyDeadline < c.inquirySentAt) throw new YearInputError('回复期限不能早于函询日期');
  if (c.repliedAt && !c.inquirySentAt) throw new YearInputError('尚未发出函询，不能登记回复');
  if (c.rectificationRequiredAt && c.problemConfirmed !== true) throw new YearInputError('经核实确有问题的，才能书面要求整改');
  if (c.rectified !== null && !c.rectificationRequiredAt) throw new YearInputError('尚未书面要求整改，不能登记整改结果');
}

export function checkBulletin(b: BulletinInput): void {
  checkDate(b.date, '通报日期', b.year, true);
  if (Number(b.date.slice(0, 4)) !== b.year) throw new YearInputError(`通报日期不在${b.year}年度内`);
  if (!b.number.trim()) throw new YearInputError('请填写通报文号');
  if (!b.subject.trim()) throw new YearInputError('请填写被通报的网站或账号');
}

/**
 * The year-long records of a unit: complaint cases, 通报 records and 拨测
 * calls logged outside a visit. Every write is change-logged and brings the
 * derived rules of the unit's open assessments of that year in line in the
 * same transaction (submitted ones stay as submitted).
 */
export class YearRepository {
  private readonly assessments: AssessmentRepository;

  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {
    this.assessments = new AssessmentRepository(db, logger);
  }

  private tables() {
    const d = this.db;
    return [d.targets, d.assessments, d.inspections, d.phoneCalls, d.complaintCases, d.bulletins, d.prefillDecisions, d.responses, d.changes];
  }

  private async unit(targetId: string) {
    const t = await this.db.targets.get(targetId);
    if (!t || t.deleted) throw new YearInputError('被考核单位不存在或已删除');
    return t;
  }

  /** Re-derives the fed rules of every open assessment of the unit in that year. */
  private async resync(targetId: string, year: number): Promise<void> {
    const list = await this.db.assessments.where('[targetId+deleted]').equals([targetId, 0]).toArray();
    for (const a of list) {
      const i = await this.db.inspections.get(a.inspectionId);
      if (i && !i.deleted && i.year === year) await this.assessments.syncDerived(a.id);
    }
  }

  async complaintCases(targetId: string, year: number): Promise<ComplaintCase[]> {
    const rows = await this.db.complaintCases.where('[targetId+year]').equals([targetId, year]).toArray();
    return rows.filter((r) => !r.deleted).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  }

  async saveComplaintCase(input: ComplaintCaseInput, id?: string): Promise<ComplaintCase> {
    const clean: ComplaintCaseInput = { ...input, summary: input.summary.trim(), complainant: input.complainant.trim(), note: input.note.trim() };
    checkComplaintCase(clean);
    return this.db.transaction('rw', this.tables(), async () => {
      await this.unit(clean.targetId);
      const now = this.logger.nowIso();
      const existing = id ? await this.db.complaintCases.get(id) : undefined;
      if (id && (!existing || existing.deleted)) throw new YearInputError('投诉件不存在或已删除');
      const row: ComplaintCase = {
        ...clean,
        id: existing?.id ?? uuidv7(),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        deletedAt: null,
        deleted: 0,
      };
      if (!ComplaintCaseRowSchema.safeParse(row).success) throw new YearInputError('投诉件内容不完整，未保存');
      await this.logger.save(this.db.complaintCases, [row]);
      await this.resync(row.targetId, row.year);
      if (existing && (existing.targetId !== row.targetId || existing.year !== row.year)) await this.resync(existing.targetId, existing.year);
      return row;
    });
  }

  async deleteComplaintCase(id: string): Promise<void> {
    await this.db.transaction('rw', this.tables(), async () => {
      const row = await this.db.complaintCases.get(id);
      if (!row || row.deleted) return;
      await this.logger.patch(this.db.complaintCases, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
      await this.resync(row.targetId, row.year);
    });
  }

  async bulletins(targetId: string, year: number): Promise<BulletinRecord[]> {
    const rows = await this.db.bulletins.where('[targetId+year]').equals([targetId, year]).toArray();
    return rows.filter((r) => !r.deleted).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  }

  async saveBulletin(input: BulletinInput, id?: string): Promise<BulletinRecord> {
    const clean: BulletinInput = { ...input, number: input.number.trim(), subject: input.subject.trim(), note: input.note.trim() };
    checkBulletin(clean);
    return this.db.transaction('rw', this.tables(), async () => {
      await this.unit(clean.targetId);
      const now = this.logger.nowIso();
      const existing = id ? await this.db.bulletins.get(id) : undefined;
      if (id && (!existing || existing.deleted)) throw new YearInputError('通报记录不存在或已删除');
      const row: BulletinRecord = { ...clean, id: existing?.id ?? uuidv7(), createdAt: existing?.createdAt ?? now, updatedAt: now, deletedAt: null, deleted: 0 };
      if (!BulletinRecordRowSchema.safeParse(row).success) throw new YearInputError('通报记录内容不完整，未保存');
      await this.logger.save(this.db.bulletins, [row]);
      await this.resync(row.targetId, row.year);
      return row;
    });
  }

  async deleteBulletin(id: string): Promise<void> {
    await this.db.transaction('rw', this.tables(), async () => {
      const row = await this.db.bulletins.get(id);
      if (!row || row.deleted) return;
      await this.logger.patch(this.db.bulletins, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
      await this.resync(row.targetId, row.year);
    });
  }

  async phoneCalls(targetId: string, year: number): Promise<PhoneCallRow[]> {
    return this.assessments.yearPhoneCalls(targetId, year);
  }

  /** Logs a quarterly 拨测 call in the unit's year file (not tied to a visit). */
  async addPhoneCall(targetId: string, year: number, input: YearPhoneCallInput): Promise<PhoneCallRow> {
    const problem = phoneCallProblem(input, year);
    if (problem) throw new YearInputError(problem);
    return this.db.transaction('rw', this.tables(), async () => {
      await this.unit(targetId);
      const row = newPhoneCallRow(uuidv7(), { assessmentId: '', inspectionId: '', targetId, year }, input, this.logger.nowIso());
      await this.logger.save(this.db.phoneCalls, [row]);
      await this.resync(targetId, year);
      return row;
    });
  }

  async deletePhoneCall(id: string): Promise<void> {
    await this.db.transaction('rw', this.tables(), async () => {
      const row = await this.db.phoneCalls.get(id);
      if (!row || row.deleted) return;
      if (row.assessmentId) {
        const a = await this.db.assessments.get(row.assessmentId);
        if (a && a.status === 'submitted') throw new AssessmentInputError(`该拨测记录属于已提交的「${a.targetName}」评分，请先解锁`);
      }
      await this.logger.patch(this.db.phoneCalls, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
      await this.resync(row.targetId, row.year);
    });
  }
}
