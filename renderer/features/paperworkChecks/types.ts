import type { CatalogueCountUnit, CataloguePresetId, CatalogueReport } from '../../../shared/checks/catalogue';
import type { ColumnMapping } from '../../../shared/checks/columns';
import type { LedgerComparison } from '../../../shared/checks/ledger';
import type { TimelinessReport } from '../../../shared/checks/timeliness';
import type { SourceInfo } from '../../../shared/checks/types';
import type { RuleResponse } from '../../../shared/scoring/responses';
import type { CheckRunRow } from '../../db/database';

/** The four paperwork checks, one tab each. */
export type CheckKind = CheckRunRow['kind'];
export const CHECK_KINDS: readonly CheckKind[] = ['catalogue', 'ledger', 'interpretation', 'submission'];

export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  catalogue: '事项目录检查',
  ledger: '台账比对',
  interpretation: '解读时效',
  submission: '报送时效',
};

/**
 * Where a check's result can go. The ledger comparison has one slot per class
 * of problem, so each class can feed its own rule (or none).
 */
export type FeedSlot = 'catalogue' | 'ledger.missing' | 'ledger.inconsistent' | 'ledger.unmarked' | 'interpretation' | 'submission';

export const FEED_SLOT_LABELS: Record<FeedSlot, string> = {
  catalogue: '目录未按标准编制',
  'ledger.missing': '网站未公开（未及时更新）',
  'ledger.inconsistent': '网站与台账不一致',
  'ledger.unmarked': '修改、废止、失效未标注',
  interpretation: '解读发布超过时限',
  submission: '报送超过时限',
};

/** What a confirmed check writes into one rule's response (and keeps in the run for the record). */
export interface RuleFeed {
  slots: FeedSlot[];
  ruleId: string;
  ruleText: string;
  count: number;
  response: RuleResponse;
}

/**
 * The `result` stored in a CheckRun: the report produced by shared/checks, the
 * settings the inspector chose and what was written where, so the run can be
 * shown, audited and exported again later.
 */
export interface StoredCheckResult {
  version: 1;
  /** Inspector who confirmed the run. */
  by: string;
  sources: SourceInfo[];
  /** The rule chosen for each slot (null: the result feeds no rule). */
  ruleChoice: Partial<Record<FeedSlot, string | null>>;
  feeds: RuleFeed[];
  findingIds: string[];
  catalogue?: { report: CatalogueReport; preset: CataloguePresetId; countUnit: CatalogueCountUnit; mapping: ColumnMapping | null };
  ledger?: { comparison: LedgerComparison };
  timeliness?: { report: TimelinessReport };
}

/** A finding proposed from a check, before it is stored. */
export interface FindingDraft {
  key: string;
  ruleId: string | null;
  indicatorId: string | null;
  description: string;
  requirement: string;
}
