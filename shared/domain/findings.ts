/** 问题: a problem found, with requirement, deadline and rectification status. */
export const FINDING_STATUSES = ['待整改', '已下发通知', '已整改', '已复核销号', '逾期未整改'] as const;
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
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}

/** Overdue: not rectified and the deadline has passed (today is an ISO date). */
export function isOverdue(f: Pick<Finding, 'status' | 'deadline'>, today: string): boolean {
  if (f.status === '逾期未整改') return true;
  return (f.status === '待整改' || f.status === '已下发通知') && f.deadline < today;
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
}
