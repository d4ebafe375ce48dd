/** 问题: a problem found, with requirement, deadline and rectification status. */
export const FINDING_STATUSES = ['待整改', '已下发通知', '已整改', '已复核销号', '整改不到位', '逾期未整改'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_SEVERITIES = ['一般', '较重', '严重'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export interface Finding {
  id: string;
  inspectionId: string;
  assessmentId: string;
  targetId: string;
  /** What it relates to: a rule/indicator of the scheme or a 五统一 checklist item. */
  indicatorId: string | null;
  ruleId: string | null;
  checklistItemId: string | null;
  description: string;
  severity: FindingSeverity;
  /** 整改要求. */
  requirement: string;
  /** ISO date. */
  deadline: string;
  status: FindingStatus;
  /** The rectification notice that listed it. */
  noticeId: string | null;
  /** 回头看 note. */
  followUpNote: string;
  /** Why the status last changed (written with every status change, so the change log pairs each change with its reason). */
  statusReason?: string;
  /** 整改报告: the date the unit's reply was received (ISO date) and what it says. */
  replyReceivedAt?: string | null;
  replyText?: string;
  /** 回头看: who verified the rectification, on which date (ISO date), with which outcome. */
  verifiedBy?: string | null;
  verifiedAt?: string | null;
  outcome?: FollowUpOutcome | null;
  /** The 回头看 task that checked it last. */
  followUpTaskId?: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}

/** Overdue: not rectified and the deadline has passed (today is an ISO date). 整改不到位 runs against its new deadline. */
export function isOverdue(f: Pick<Finding, 'status' | 'deadline'>, today: string): boolean {
  if (f.status === '逾期未整改') return true;
  return (f.status === '待整改' || f.status === '已下发通知' || f.status === '整改不到位') && f.deadline < today;
}

/** 销号: only a rectification verified at 回头看 closes a finding. */
export function isClosed(f: Pick<Finding, 'status'>): boolean {
  return f.status === '已复核销号';
}

/** 未销号的问题: everything not closed, including 已整改 items whose rectification is not yet verified. */
export function isUnclosed(f: Pick<Finding, 'status' | 'deleted'>): boolean {
  return f.deleted !== 1 && !isClosed(f);
}

// ---- 回头看 (follow-up) ------------------------------------------------------

/** The outcomes of a 回头看 check and the status each leaves the finding in. */
export const FOLLOW_UP_OUTCOMES = ['已整改销号', '整改不到位', '逾期未整改'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const OUTCOME_STATUS: Record<FollowUpOutcome, FindingStatus> = {
  已整改销号: '已复核销号',
  整改不到位: '整改不到位',
  逾期未整改: '逾期未整改',
};

/** A 回头看 task: the findings due for a check, from one round or the whole year. */
export interface FollowUpTask {
  id: string;
  title: string;
  year: number;
  /** The round whose findings are checked; null = every round of the year. */
  inspectionId: string | null;
  /** Findings whose deadline is on or before this ISO date are due. */
  dueBy: string;
  /** The findings listed when the task was made (a task is a plan: later findings do not join it). */
  findingIds: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}

/**
 * Findings due for 回头看 by `dueBy`: not closed, and either past their
 * deadline by then or reported rectified (已整改, waiting for verification).
 * Oldest deadline first.
 */
export function findingsDue<T extends Pick<Finding, 'id' | 'status' | 'deadline' | 'deleted'>>(findings: readonly T[], dueBy: string): T[] {
  return findings
    .filter((f) => isUnclosed(f) && (f.status === '已整改' || f.deadline <= dueBy))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
}

/** Whether the statuses a finding can be left in mean it was not rectified as required. */
export function isUnrectified(f: Pick<Finding, 'status'>): boolean {
  return f.status === '整改不到位' || f.status === '逾期未整改';
}

/** One 上年度整改不到位问题 for next year's assessment of a unit. */
export interface CarriedOverFinding {
  finding: Finding;
  /** The round it was found in and its year. */
  inspectionId: string;
  inspectionTitle: string;
  year: number;
  /** Why it is carried over, in words: 整改不到位（2024-09-30 回头看，李华） / 逾期未整改 / 未销号（已整改，未复核）. */
  reason: string;
}

/**
 * 上年度整改不到位问题 (seed 000, 四(一)): the findings of a unit from the
 * year before `year` that were not rectified — 整改不到位, 逾期未整改, and any
 * other finding still open (including 已整改 never verified), for a person to
 * apply under the rule that fits in the unit's assessment of `year`. Pure:
 * pass the findings and the rounds they belong to. Closed and deleted
 * findings are left out; the order is by round start, then deadline.
 */
export function carriedOverFindings(
  findings: readonly Finding[],
  inspections: readonly { id: string; title: string; year: number; startDate?: string }[],
  targetId: string,
  year: number,
): CarriedOverFinding[] {
  const rounds = new Map(inspections.map((i) => [i.id, i]));
  const out: (CarriedOverFinding & { start: string })[] = [];
  for (const f of findings) {
    if (f.targetId !== targetId || !isUnclosed(f)) continue;
    const round = rounds.get(f.inspectionId);
    if (!round || round.year !== year - 1) continue;
    const checked = f.verifiedAt ? `（${f.verifiedAt} 回头看${f.verifiedBy ? `，${f.verifiedBy}` : ''}）` : '';
    const reason = isUnrectified(f) ? `${f.status}${checked}` : f.status === '已整改' ? '未销号（已整改，未复核）' : `未销号（${f.status}，整改期限${f.deadline}）`;
    out.push({ finding: f, inspectionId: round.id, inspectionTitle: round.title, year: round.year, reason, start: round.startDate ?? '' });
  }
  out.sort((a, b) => a.start.localeCompare(b.start) || a.finding.deadline.localeCompare(b.finding.deadline) || a.finding.id.localeCompare(b.finding.id));
  return out.map(({ start: _start, ...rest }) => rest);
}

/** 整改通知书: numbered per issuer per year (〔2024〕3号), never reused. */
export interface Notice {
  id: string;
  inspectionId: string;
  assessmentId: string;
  targetId: string;
  year: number;
  seq: number;
  /** e.g. 盘政公改〔2024〕3号 */
  number: string;
  issuer: string;
  issuedAt: string;
  deadline: string;
  findingIds: string[];
  /** SHA-256 of the notice's content, printed in its QR code. */
  contentHash: string;
  createdAt: string;
  updatedAt: string;
  /** 作废: a voided notice keeps its row and number in the history; its findings can go on a new notice. */
  voided?: boolean;
  voidReason?: string;
  voidedBy?: string;
  voidedAt?: string;
  /** Numbers the notice had before it was renumbered (重新编号), oldest first, with why and who. */
  formerNumbers?: { number: string; seq: number; reason: string; by: string; at: string }[];
  /** The issuing laptop's signature over number and content hash, printed in the QR code (laptops in an office). */
  issuerSignature?: { deviceId: string; sig: string } | null;
}
