import { findingsDue, FOLLOW_UP_OUTCOMES, OUTCOME_STATUS, type Finding, type FollowUpOutcome, type FollowUpTask } from '../../../shared/domain/findings';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { FindingInputError, FindingRepository } from '../findings/findingRepository';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface TaskInput {
  title: string;
  year: number;
  /** One round, or null for every round of the year. */
  inspectionId: string | null;
  /** Findings with a deadline on or before this date (and any reported 已整改) are due. */
  dueBy: string;
}

export interface ReplyInput {
  /** ISO date the 整改报告 was received. */
  receivedAt: string;
  text: string;
}

export interface VerifyInput {
  outcome: FollowUpOutcome;
  verifiedBy: string;
  /** ISO date of the check. */
  verifiedAt: string;
  reason: string;
  /** Required for 整改不到位: the new deadline, after the check. */
  newDeadline?: string | null;
}

/**
 * 回头看: tasks listing the findings due, the unit's reply (整改报告) and the
 * verification of each finding. Every write goes through the findings
 * repository, so it is change-logged with its reason; a submitted score is
 * never touched (the results live in the findings and feed the next
 * assessment that counts them).
 */
export class FollowUpRepository {
  private readonly findings: FindingRepository;

  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {
    this.findings = new FindingRepository(db, logger);
  }

  /** The findings a new task would list: of the round, or of every round of the year. */
  async candidates(input: Pick<TaskInput, 'year' | 'inspectionId' | 'dueBy'>): Promise<Finding[]> {
    const rounds = input.inspectionId
      ? [await this.db.inspections.get(input.inspectionId)].filter((i) => !!i && !i.deleted)
      : (await this.db.inspections.where('year').equals(input.year).toArray()).filter((i) => !i.deleted);
    const ids = new Set(rounds.map((r) => r!.id));
    const rows = (await this.db.findings.where('inspectionId').anyOf([...ids]).toArray()).filter((f) => f.deleted === 0);
    return findingsDue(rows, input.dueBy);
  }

  async createTask(input: TaskInput): Promise<FollowUpTask> {
    const title = input.title.trim();
    if (!title) throw new FindingInputError('请填写回头看任务名称');
    if ([...title].length > 80) throw new FindingInputError('回头看任务名称不能超过80个字');
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw new FindingInputError('年度应为2000至2100之间的年份');
    if (!ISO_DATE.test(input.dueBy)) throw new FindingInputError('请填写整改期限截止日期');
    if (input.inspectionId) {
      const round = await this.db.inspections.get(input.inspectionId);
      if (!round || round.deleted) throw new FindingInputError('检查任务不存在或已被删除');
      if (round.year !== input.year) throw new FindingInputError(`所选检查任务属于${round.year}年度，不是${input.year}年度`);
    }
    const due = await this.candidates(input);
    if (due.length === 0) throw new FindingInputError(`截至${input.dueBy}没有需要回头看的问题`);
    const now = this.logger.nowIso();
    const task: FollowUpTask = {
      id: uuidv7(),
      title,
      year: input.year,
      inspectionId: input.inspectionId,
      dueBy: input.dueBy,
      findingIds: due.map((f) => f.id),
      createdBy: this.logger.author,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      deleted: 0,
    };
    await this.logger.save(this.db.followUpTasks, [task]);
    return task;
  }

  /** Tasks in use, newest first. */
  async listTasks(): Promise<FollowUpTask[]> {
    const rows = await this.db.followUpTasks.where('deleted').equals(0).toArray();
    return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  getTask(id: string): Promise<FollowUpTask | undefined> {
    return this.db.followUpTasks.get(id);
  }

  async removeTask(id: string): Promise<void> {
    await this.logger.patch<FollowUpTask>(this.db.followUpTasks, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
  }

  /** The task's findings as they are now (deleted ones left out), in the task's order. */
  async taskFindings(task: FollowUpTask): Promise<Finding[]> {
    const rows = await this.db.findings.bulkGet(task.findingIds);
    return rows.filter((f): f is Finding => !!f && f.deleted === 0);
  }

  /**
   * 整改报告 received: date and text. A finding still waiting for
   * rectification becomes 已整改 (reported, not yet verified); the reason
   * written with the change names the report's date.
   */
  async recordReply(findingId: string, input: ReplyInput, taskId: string | null = null): Promise<Finding> {
    if (!ISO_DATE.test(input.receivedAt)) throw new FindingInputError('请填写收到整改报告的日期');
    const text = input.text.trim();
    if (!text) throw new FindingInputError('请填写整改报告的主要内容');
    const f = await this.findings.get(findingId);
    if (!f || f.deleted) throw new FindingInputError('问题记录不存在或已删除');
    if (f.status === '已复核销号') throw new FindingInputError('该问题已复核销号，无需再登记整改报告');
    const becomesReported = f.status !== '已整改';
    return this.findings.update(findingId, {
      replyReceivedAt: input.receivedAt,
      replyText: text,
      ...(taskId ? { followUpTaskId: taskId } : {}),
      ...(becomesReported ? { status: '已整改', statusReason: `收到整改报告（${input.receivedAt}），待回头看核查` } : {}),
    });
  }

  /**
   * The verification: who, when, the outcome and why. 已整改销号 closes the
   * finding; 整改不到位 sets a new deadline after the check; 逾期未整改 marks it
   * not rectified. The reason is required and logged with the change.
   */
  async verify(findingId: string, input: VerifyInput, taskId: string | null = null): Promise<Finding> {
    if (!FOLLOW_UP_OUTCOMES.includes(input.outcome)) throw new FindingInputError(`核查结果「${input.outcome}」无法识别`);
    const verifiedBy = input.verifiedBy.trim();
    if (!verifiedBy) throw new FindingInputError('请填写核查人');
    if (!ISO_DATE.test(input.verifiedAt)) throw new FindingInputError('请填写核查日期');
    const reason = input.reason.trim();
    if ([...reason].length < 2) throw new FindingInputError('请填写核查情况或理由');
    const f = await this.findings.get(findingId);
    if (!f || f.deleted) throw new FindingInputError('问题记录不存在或已删除');
    let deadline: string | undefined;
    if (input.outcome === '整改不到位') {
      if (!input.newDeadline || !ISO_DATE.test(input.newDeadline)) throw new FindingInputError('整改不到位的，请填写新的整改期限');
      if (input.newDeadline <= input.verifiedAt) throw new FindingInputError('新的整改期限应晚于核查日期');
      deadline = input.newDeadline;
    }
    const status = OUTCOME_STATUS[input.outcome];
    return this.findings.update(findingId, {
      status,
      // The same status again (e.g. a second 整改不到位) still logs the check's reason.
      statusReason: reason,
      verifiedBy,
      verifiedAt: input.verifiedAt,
      outcome: input.outcome,
      followUpNote: reason,
      ...(deadline ? { deadline } : {}),
      ...(taskId ? { followUpTaskId: taskId } : {}),
    });
  }
}
