import { addWorkingDays, type WorkCalendar } from '../../../shared/calendar/workCalendar';
import { FINDING_SEVERITIES, FINDING_STATUSES, isOverdue, type Finding, type FindingStatus } from '../../../shared/domain/findings';
import { uuidv7 } from '../../../shared/util/ids';
import { parseHlc } from '../../../shared/sync/hlc';
import { historyOf, type ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { AssessmentRepository } from '../assessment/assessmentRepository';
import { readDeadlineDays, readWorkCalendar, saveDeadlineDays } from '../settings/workSettings';

/** db.meta key of the default rectification period, in working days. */
export type FindingInput = Pick<Finding, 'assessmentId' | 'indicatorId' | 'ruleId' | 'checklistItemId' | 'description' | 'severity' | 'requirement' | 'deadline'> & {
  status?: FindingStatus;
};

export type FindingEdit = Partial<
  Pick<
    Finding,
    | 'description'
    | 'severity'
    | 'requirement'
    | 'deadline'
    | 'status'
    | 'statusReason'
    | 'followUpNote'
    | 'indicatorId'
    | 'ruleId'
    | 'checklistItemId'
    | 'replyReceivedAt'
    | 'replyText'
    | 'verifiedBy'
    | 'verifiedAt'
    | 'outcome'
    | 'followUpTaskId'
  >
>;

export interface FindingFilter {
  inspectionId?: string;
  assessmentId?: string;
  status?: FindingStatus;
  /** Only findings past their deadline and not rectified (today = local ISO date). */
  overdueOnly?: boolean;
  today?: string;
}

export interface StatusChange {
  hlc: string;
  /** ISO time of the change (the clock's wall time). */
  at: string;
  author: string;
  status: FindingStatus;
  reason: string;
}

export class FindingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FindingInputError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(v: FindingEdit): void {
  if (v.description !== undefined && !v.description.trim()) throw new FindingInputError('请填写问题描述');
  if (v.description !== undefined && v.description.length > 1000) throw new FindingInputError('问题描述不能超过1000个字');
  if (v.requirement !== undefined && !v.requirement.trim()) throw new FindingInputError('请填写整改要求');
  if (v.requirement !== undefined && v.requirement.length > 1000) throw new FindingInputError('整改要求不能超过1000个字');
  if (v.deadline !== undefined && !ISO_DATE.test(v.deadline)) throw new FindingInputError('请填写整改期限');
  if (v.severity !== undefined && !FINDING_SEVERITIES.includes(v.severity)) throw new FindingInputError(`问题程度「${v.severity}」无法识别`);
  if (v.status !== undefined && !FINDING_STATUSES.includes(v.status)) throw new FindingInputError(`整改状态「${v.status}」无法识别`);
  if (v.followUpNote !== undefined && v.followUpNote.length > 1000) throw new FindingInputError('回头看情况不能超过1000个字');
  if (v.statusReason !== undefined && v.statusReason.length > 500) throw new FindingInputError('状态变更理由不能超过500个字');
  if (v.replyText !== undefined && v.replyText.length > 2000) throw new FindingInputError('整改报告内容不能超过2000个字');
  if (v.replyReceivedAt && !ISO_DATE.test(v.replyReceivedAt)) throw new FindingInputError('请填写收到整改报告的日期');
  if (v.verifiedAt && !ISO_DATE.test(v.verifiedAt)) throw new FindingInputError('请填写核查日期');
}

/**
 * 问题: reads and change-logged writes. Every write that can change a
 * rectification count also brings the assessment's fed rules up to date, in
 * the same transaction.
 */
export class FindingRepository {
  private readonly assessments: AssessmentRepository;

  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {
    this.assessments = new AssessmentRepository(db, logger);
  }

  async list(filter: FindingFilter = {}): Promise<Finding[]> {
    let rows: Finding[];
    if (filter.assessmentId) rows = await this.db.findings.where('[assessmentId+deleted]').equals([filter.assessmentId, 0]).toArray();
    else if (filter.inspectionId) rows = await this.db.findings.where('[inspectionId+deleted]').equals([filter.inspectionId, 0]).toArray();
    else rows = (await this.db.findings.toArray()).filter((f) => f.deleted === 0);
    const today = filter.today ?? '';
    rows = rows.filter((f) => (!filter.status || f.status === filter.status) && (!filter.overdueOnly || isOverdue(f, today)));
    return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  get(id: string): Promise<Finding | undefined> {
    return this.db.findings.get(id);
  }

  private tables() {
    return [this.db.assessments, this.db.inspections, this.db.phoneCalls, this.db.findings, this.db.responses, this.db.changes];
  }

  async create(input: FindingInput): Promise<Finding> {
    check(input);
    return this.db.transaction('rw', this.tables(), async () => {
      const a = await this.db.assessments.get(input.assessmentId);
      if (!a || a.deleted) throw new FindingInputError('评分记录不存在或已被移出检查任务');
      const now = this.logger.nowIso();
      const row: Finding = {
        id: uuidv7(),
        inspectionId: a.inspectionId,
        assessmentId: a.id,
        targetId: a.targetId,
        indicatorId: input.indicatorId,
        ruleId: input.ruleId,
        checklistItemId: input.checklistItemId,
        description: input.description.trim(),
        severity: input.severity,
        requirement: input.requirement.trim(),
        deadline: input.deadline,
        status: input.status ?? '待整改',
        noticeId: null,
        followUpNote: '',
        createdBy: this.logger.author,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        deleted: 0,
      };
      await this.logger.save(this.db.findings, [row]);
      await this.assessments.syncDerived(a.id);
      return row;
    });
  }

  async update(id: string, edit: FindingEdit): Promise<Finding> {
    check(edit);
    return this.db.transaction('rw', this.tables(), async () => {
      const current = await this.db.findings.get(id);
      if (!current || current.deleted) throw new FindingInputError('问题记录不存在或已删除');
      const patch: FindingEdit = { ...edit };
      // Every status change carries its reason, written with it, so the change log pairs them.
      if (patch.status !== undefined && patch.status !== current.status) {
        const reason = (patch.statusReason ?? '').trim();
        if ([...reason].length < 2) throw new FindingInputError(`请填写将状态改为「${patch.status}」的理由`);
        patch.statusReason = reason;
      } else if (patch.statusReason !== undefined) {
        // The same status confirmed again (a second 整改不到位): its reason is still logged.
        patch.statusReason = patch.statusReason.trim();
      }
      if (patch.description !== undefined) patch.description = patch.description.trim();
      if (patch.requirement !== undefined) patch.requirement = patch.requirement.trim();
      if (patch.followUpNote !== undefined) patch.followUpNote = patch.followUpNote.trim();
      const next = await this.logger.patch<Finding>(this.db.findings, id, patch);
      await this.assessments.syncDerived(current.assessmentId);
      return next;
    });
  }

  /** Changes the status; the reason is required and kept in the change log with the change. */
  setStatus(id: string, status: FindingStatus, reason: string): Promise<Finding> {
    return this.update(id, { status, statusReason: reason });
  }

  /** The status changes of a finding, oldest first, each with who, when and why. */
  async statusHistory(id: string): Promise<StatusChange[]> {
    const log = await historyOf(this.db, 'findings', id);
    const out: StatusChange[] = [];
    let status: FindingStatus | null = null;
    for (const e of log) {
      if (e.field !== 'status' && e.field !== 'statusReason') continue;
      let change = out.length && out[out.length - 1].hlc === e.hlc ? out[out.length - 1] : null;
      if (!change) {
        if (!status && e.field !== 'status') continue;
        change = { hlc: e.hlc, at: new Date(parseHlc(e.hlc).ms).toISOString(), author: e.author, status: status!, reason: '' };
        out.push(change);
      }
      if (e.field === 'status') change.status = status = e.value as FindingStatus;
      else change.reason = String(e.value ?? '');
    }
    return out;
  }

  async softDelete(id: string): Promise<void> {
    await this.db.transaction('rw', this.tables(), async () => {
      const current = await this.db.findings.get(id);
      if (!current || current.deleted) return;
      await this.logger.patch<Finding>(this.db.findings, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
      await this.assessments.syncDerived(current.assessmentId);
    });
  }

  /** The default rectification period in working days (settings; 15 unless changed). */
  async deadlineDays(): Promise<number> {
    return readDeadlineDays(this.db);
  }

  async setDeadlineDays(days: number): Promise<void> {
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new FindingInputError('整改期限应为1至365个工作日');
    await saveDeadlineDays(this.db, days);
  }

  calendar(): Promise<WorkCalendar> {
    return readWorkCalendar(this.db);
  }

  /** Default deadline: the configured number of working days after `from`. */
  async defaultDeadline(from: string): Promise<string> {
    return addWorkingDays(from, await this.deadlineDays(), await this.calendar());
  }
}

export { CALENDAR_OVERRIDES_KEY, DEADLINE_SETTING_KEY, DEFAULT_DEADLINE_DAYS } from '../settings/workSettings';
