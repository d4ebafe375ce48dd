import type { Finding, FindingStatus } from '../domain/findings';

/**
 * Rectification statuses of on-site findings, for lists and the year file.
 * These counts no longer feed 政务公开问题投诉 (those rules count complaint
 * cases, see yearRecords.ts); an unrectified finding is carried into next
 * year's assessment for a person to apply (seed 000, 四(一)).
 */
export const REQUIRED_IN_WRITING: readonly FindingStatus[] = ['已下发通知', '已整改', '已复核销号', '逾期未整改'];
export const NOT_RECTIFIED: readonly FindingStatus[] = ['逾期未整改'];

export interface FindingStatusCounts {
  /** Findings notified in writing (every status from 已下发通知 on). */
  notified: number;
  /** Findings marked 逾期未整改 at 回头看. */
  notRectified: number;
}

export function findingStatusCounts(findings: readonly Pick<Finding, 'status' | 'deleted'>[]): FindingStatusCounts {
  let notified = 0;
  let notRectified = 0;
  for (const f of findings) {
    if (f.deleted === 1) continue;
    if (REQUIRED_IN_WRITING.includes(f.status)) notified++;
    if (NOT_RECTIFIED.includes(f.status)) notRectified++;
  }
  return { notified, notRectified };
}
