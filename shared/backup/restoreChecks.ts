import { z } from 'zod';
import { changeEntrySchema } from '../sync/changeEntrySchema';

/**
 * Checks on a backup's rows before any of them replaces local data. Every row
 * is checked (a row the app could not have written is refused with the table
 * and row it is in), and the tables a backup must carry for its version are
 * required: a backup listing no tables would otherwise wipe everything.
 */

const rowBase = z.looseObject({ id: z.string().min(1).max(200) });
const softDeleted = z.looseObject({ id: z.string().min(1).max(200), deleted: z.union([z.literal(0), z.literal(1)]) });
const metaRow = z.object({ key: z.string().min(1).max(200), value: z.unknown() });

/** Tables whose rows carry the indexable 0/1 soft-delete flag. */
const SOFT_DELETED = new Set(['targets', 'schemes', 'inspections', 'photos', 'photoLinks']);

export function rowSchemaFor(table: string): z.ZodType {
  if (table === 'changes') return changeEntrySchema;
  if (table === 'meta') return metaRow;
  return SOFT_DELETED.has(table) ? softDeleted : rowBase;
}

const TABLE_SINCE: Record<string, number> = {
  targets: 1,
  changes: 1,
  schemes: 3,
  inspections: 3,
  assessments: 3,
  responses: 3,
  indicatorNotes: 3,
  phoneCalls: 3,
  checklistAnswers: 3,
  draws: 3,
  findings: 3,
  notices: 3,
  photos: 3,
  photoLinks: 3,
  checkRuns: 3,
  complaintCases: 7,
  bulletins: 7,
  prefillDecisions: 7,
  followUpTasks: 8,
  sharedSettings: 8,
  noticeBlocks: 8,
};

/** The tables a backup written at `dbVersion` must list. */
export function requiredTables(dbVersion: number): string[] {
  return Object.entries(TABLE_SINCE)
    .filter(([, since]) => since <= dbVersion)
    .map(([t]) => t);
}

/** Returns null when acceptable, else a Chinese reason naming the first bad row. */
export function checkRows(table: string, rows: unknown[], label = table): string | null {
  const schema = rowSchemaFor(table);
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const r = schema.safeParse(row);
    if (!r.success) {
      const issue = r.error.issues[0];
      const where = issue?.path.length ? `字段「${issue.path.join('.')}」` : '格式';
      return `数据表「${label}」第 ${i + 1} 行${where}无效`;
    }
    const key = table === 'meta' ? (row as { key: string }).key : (row as { id: string }).id;
    if (seen.has(key)) return `数据表「${label}」第 ${i + 1} 行的编号重复`;
    seen.add(key);
  }
  return null;
}
