import type { ColumnMapping, TableKind } from '../../../shared/checks/columns';
import { addWorkingDays, createWorkCalendar, type CalendarOverride } from '../../../shared/calendar/workCalendar';
import type { Finding } from '../../../shared/domain/findings';
import type { Assessment, Inspection, ResponseRow } from '../../../shared/domain/inspections';
import { withDerivedResponses } from '../../../shared/inspections/derived';
import { findRule } from '../../../shared/scheme/model';
import { scoreAssessment, type ScoreResult } from '../../../shared/scoring/engine';
import type { Responses } from '../../../shared/scoring/responses';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { CheckRunRow, InspectorDatabase } from '../../db/database';
import type { CheckKind, FeedSlot, FindingDraft, RuleFeed, StoredCheckResult } from './types';
import { readCalendarOverrides, readDeadlineDays } from '../settings/workSettings';

/** db.meta key of the remembered column mappings of a table kind, keyed by header signature. */
export const mappingMetaKey = (kind: TableKind) => `checks.mapping.${kind}`;
/** Office setting: working days given for rectification (default 15). */
/** Office corrections of the working-day calendar, when the settings screen provides them. */

/** Remembered mappings kept per kind (oldest dropped first). */
const MAX_REMEMBERED = 50;

export interface RememberedMapping {
  mapping: ColumnMapping;
  savedAt: string;
}

export interface ConfirmCheckInput {
  assessmentId: string;
  kind: CheckKind;
  fileName: string;
  fileHash: string;
  /** The count the check found (shown in the list of runs even when it feeds no rule). */
  count: number;
  confirmed: string[];
  feeds: RuleFeed[];
  ruleChoice: Partial<Record<FeedSlot, string | null>>;
  result: Pick<StoredCheckResult, 'sources' | 'catalogue' | 'ledger' | 'timeliness'>;
  /** Findings to create in the same transaction (empty: none). */
  findings: FindingDraft[];
  /** Deadline of the findings (ISO date). */
  deadline: string;
}

export interface ConfirmedCheck {
  run: CheckRunRow;
  findings: Finding[];
}

/** A header signature: the same layout of columns gives the same signature. */
export function headerSignature(headers: readonly { text: string }[]): string {
  return headers.map((h) => h.text.replace(/\s+/g, '')).join('\u0001');
}

/** Today as an ISO date in local time. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Reads and change-logged writes of the paperwork checks. */
export class CheckRunRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  /** Runs of an assessment, newest first. */
  async listRuns(assessmentId: string): Promise<CheckRunRow[]> {
    const rows = await this.db.checkRuns.where('assessmentId').equals(assessmentId).toArray();
    return rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id)));
  }

  /** The rules chosen at the last run of this kind in the round (any target), for the next run. */
  async lastRuleChoice(inspectionId: string, kind: CheckKind): Promise<StoredCheckResult['ruleChoice'] | null> {
    const runs = await this.db.checkRuns.where('inspectionId').equals(inspectionId).filter((r) => r.kind === kind).toArray();
    if (!runs.length) return null;
    runs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id)));
    const result = runs[0].result as Partial<StoredCheckResult> | null;
    return result?.ruleChoice ?? (runs[0].ruleId ? { [kind === 'ledger' ? 'ledger.missing' : kind]: runs[0].ruleId } : null);
  }

  async recallMapping(kind: TableKind, signature: string): Promise<ColumnMapping | null> {
    const all = ((await this.db.meta.get(mappingMetaKey(kind)))?.value ?? {}) as Record<string, RememberedMapping>;
    return all[signature]?.mapping ?? null;
  }

  /** Remembers a mapping the inspector made for a layout of columns (a setting: not change-logged). */
  async rememberMapping(kind: TableKind, signature: string, mapping: ColumnMapping): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      const key = mappingMetaKey(kind);
      const all = { ...(((await this.db.meta.get(key))?.value ?? {}) as Record<string, RememberedMapping>) };
      all[signature] = { mapping, savedAt: this.logger.nowIso() };
      const entries = Object.entries(all).sort((a, b) => (a[1].savedAt < b[1].savedAt ? 1 : -1)).slice(0, MAX_REMEMBERED);
      await this.db.meta.put({ key, value: Object.fromEntries(entries) });
    });
  }

  async deadlineWorkingDays(): Promise<number> {
    return readDeadlineDays(this.db);
  }

  async calendarOverrides(): Promise<CalendarOverride[]> {
    return readCalendarOverrides(this.db);
  }

  /** The default deadline of findings: N working days after today (N from the settings, else 15). */
  async defaultDeadline(today = localToday()): Promise<string> {
    return addWorkingDays(today, await this.deadlineWorkingDays(), createWorkCalendar(await this.calendarOverrides()));
  }

  async storedResponses(assessmentId: string): Promise<Responses> {
    const rows = await this.db.responses.where('assessmentId').equals(assessmentId).toArray();
    const out: Responses = {};
    for (const r of rows) if (r.response) out[r.ruleId] = r.response;
    return out;
  }

  /** The assessment's score now and after the feeds are written (same derivations as the assessment screen). */
  async scoreBeforeAfter(assessment: Assessment, inspection: Inspection, feeds: readonly RuleFeed[]): Promise<{ before: ScoreResult; after: ScoreResult }> {
    const [stored, phoneCalls, findings, overrides] = await Promise.all([
      this.storedResponses(assessment.id),
      this.db.phoneCalls.where('assessmentId').equals(assessment.id).toArray(),
      this.db.findings.where('assessmentId').equals(assessment.id).toArray(),
      this.calendarOverrides(),
    ]);
    const calendar = createWorkCalendar(overrides);
    const scheme = inspection.scheme;
    const score = (r: Responses) => scoreAssessment(scheme, withDerivedResponses(scheme, r, { phoneCalls, findings }).responses, { calendar });
    const next: Responses = { ...stored };
    for (const f of feeds) next[f.ruleId] = f.response;
    return { before: score(stored), after: score(next) };
  }

  /**
   * Stores a confirmed check: the run, the responses of the rules it feeds and
   * the findings, in one transaction with their change-log entries. Nothing is
   * written if any part fails.
   */
  async confirm(input: ConfirmCheckInput): Promise<ConfirmedCheck> {
    const { db, logger } = this;
    return db.transaction('rw', [db.assessments, db.inspections, db.checkRuns, db.responses, db.findings, db.changes], async () => {
      const assessment = await db.assessments.get(input.assessmentId);
      if (!assessment || assessment.deleted === 1) throw new Error('评分记录不存在或已被删除');
      if (assessment.status === 'submitted') throw new Error('该单位的评分已提交，请先在评分页面解锁后再写入核查结果');
      const inspection = await db.inspections.get(assessment.inspectionId);
      if (!inspection) throw new Error('检查任务不存在或已被删除');
      for (const f of input.feeds) {
        const rule = findRule(inspection.scheme, f.ruleId);
        if (!rule) throw new Error(`本次检查的考核方案中没有规则「${f.ruleText}」`);
      }
      const now = logger.nowIso();
      const findings: Finding[] = input.findings.map((d) => ({
        id: uuidv7(),
        inspectionId: assessment.inspectionId,
        assessmentId: assessment.id,
        targetId: assessment.targetId,
        indicatorId: d.indicatorId,
        ruleId: d.ruleId,
        checklistItemId: null,
        description: d.description,
        severity: '一般',
        requirement: d.requirement,
        deadline: input.deadline,
        status: '待整改',
        noticeId: null,
        followUpNote: '',
        createdBy: logger.author,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        deleted: 0,
      }));
      const result: StoredCheckResult = {
        version: 1,
        by: logger.author,
        sources: input.result.sources,
        ruleChoice: input.ruleChoice,
        feeds: input.feeds,
        findingIds: findings.map((f) => f.id),
        ...(input.result.catalogue ? { catalogue: input.result.catalogue } : {}),
        ...(input.result.ledger ? { ledger: input.result.ledger } : {}),
        ...(input.result.timeliness ? { timeliness: input.result.timeliness } : {}),
      };
      const run: CheckRunRow = {
        id: uuidv7(),
        assessmentId: assessment.id,
        inspectionId: assessment.inspectionId,
        kind: input.kind,
        fileName: input.fileName,
        fileHash: input.fileHash,
        result,
        confirmed: input.confirmed,
        ruleId: input.feeds[0]?.ruleId ?? null,
        count: input.count,
        createdAt: now,
        updatedAt: now,
      };
      await logger.save(db.checkRuns, [run]);
      const responses: ResponseRow[] = input.feeds.map((f) => ({
        id: `${assessment.id}:${f.ruleId}`,
        assessmentId: assessment.id,
        inspectionId: assessment.inspectionId,
        ruleId: f.ruleId,
        response: f.response,
        updatedAt: now,
      }));
      await logger.save(db.responses, responses);
      if (findings.length) await logger.save(db.findings, findings);
      return { run, findings };
    });
  }
}
