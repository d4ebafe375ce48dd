import type { Finding, FindingStatus } from '../domain/findings';
import type { RectificationCounts } from '../scoring/rectification';

/**
 * Rectification counts for the Panjin-style rules marked `feed`:
 * - rectificationRequired (经核实确有问题并书面要求进行整改): findings the office
 *   has required in writing, i.e. every status from 已下发通知 on
 *   (已下发通知, 已整改, 已复核销号, 逾期未整改). A finding still 待整改 has not
 *   been notified in writing yet and does not count.
 * - notRectified (未按要求进行整改): findings marked 逾期未整改 at 回头看. A finding
 *   merely past its deadline is shown as overdue but not counted until a person
 *   confirms it at follow-up, because the deduction is a judgement (整改不到位).
 * Soft-deleted findings never count.
 */
export const REQUIRED_IN_WRITING: readonly FindingStatus[] = ['已下发通知', '已整改', '已复核销号', '逾期未整改'];
export const NOT_RECTIFIED: readonly FindingStatus[] = ['逾期未整改'];

export function rectificationCountsFromFindings(findings: readonly Pick<Finding, 'status' | 'deleted'>[]): RectificationCounts {
  let rectificationRequired = 0;
  let notRectified = 0;
  for (const f of findings) {
    if (f.deleted === 1) continue;
    if (REQUIRED_IN_WRITING.includes(f.status)) rectificationRequired++;
    if (NOT_RECTIFIED.includes(f.status)) notRectified++;
  }
  return { rectificationRequired, notRectified };
}
