import { z } from 'zod';
import type { InspectionKind } from './inspections';

/**
 * The assessment year (考核年度). Seed 000 describes a year, not a visit: rounds
 * (年中, 三季度, 年终/全年, 专项, 回头看) plus records kept per unit all year
 * long — quarterly phone tests, 通报 records, complaint cases — that the
 * year-end assessment counts. The year itself is not stored: it is the
 * inspections with that year and the year-long records with that year.
 */

/** Round kinds in the order a year goes through them. */
export const YEAR_ROUND_ORDER: readonly InspectionKind[] = ['年中考核', '三季度考核', '专项检查', '回头看', '年终考核'];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
const isoDateOrNull = isoDate.nullable();
const year = z.number().int().min(2000).max(2100);
const softDelete = { deletedAt: z.string().nullable(), deleted: z.union([z.literal(0), z.literal(1)]) };

/**
 * 政务公开问题投诉: a member of the public or a company complains through the
 * 政府信息公开意见箱; the office sends a 函询 to the unit with a reply deadline;
 * the unit replies (on time or not); the office verifies; where the problem is
 * real it requires rectification in writing; later the unit has rectified it or
 * not. Only these cases feed the three complaint rules.
 */
export interface ComplaintCase {
  id: string;
  targetId: string;
  year: number;
  /** 意见箱来件 date. */
  receivedAt: string;
  /** Who complained (may be left empty), and what about. */
  complainant: string;
  summary: string;
  /** 函询 sent to the unit, and the reply deadline it set. */
  inquirySentAt: string | null;
  replyDeadline: string | null;
  /** The unit's reply date, or null while it has not replied. */
  repliedAt: string | null;
  /** The office's verification: null until verified; true = 确有问题. */
  verifiedAt: string | null;
  problemConfirmed: boolean | null;
  /** 书面要求进行整改: date of the written requirement and its deadline. */
  rectificationRequiredAt: string | null;
  rectificationDeadline: string | null;
  /** Rectified as required? null until judged. */
  rectified: boolean | null;
  rectificationCheckedAt: string | null;
  note: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}

export const ComplaintCaseRowSchema = z.object({
  id: z.string().min(1),
  targetId: z.string().min(1),
  year,
  receivedAt: isoDate,
  complainant: z.string().max(200),
  summary: z.string().max(2000),
  inquirySentAt: isoDateOrNull,
  replyDeadline: isoDateOrNull,
  repliedAt: isoDateOrNull,
  verifiedAt: isoDateOrNull,
  problemConfirmed: z.boolean().nullable(),
  rectificationRequiredAt: isoDateOrNull,
  rectificationDeadline: isoDateOrNull,
  rectified: z.boolean().nullable(),
  rectificationCheckedAt: isoDateOrNull,
  note: z.string().max(2000),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...softDelete,
}) satisfies z.ZodType<ComplaintCase>;

export const BULLETIN_CHANNELS = ['政府网站', '政务新媒体'] as const;
export type BulletinChannel = (typeof BULLETIN_CHANNELS)[number];

/**
 * 通报: the office's 政府网站和政务新媒体监管情况的通报 naming the unit. Only an
 * entry marked unqualified (被通报为不合格) costs points (每次减0.1分).
 */
export interface BulletinRecord {
  id: string;
  targetId: string;
  year: number;
  /** 通报 date and number (文号, e.g. 盘政办通〔2024〕5号). */
  date: string;
  number: string;
  channel: BulletinChannel;
  /** The site or account named, e.g. 大洼区人民政府门户网站. */
  subject: string;
  unqualified: boolean;
  note: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}

export const BulletinRecordRowSchema = z.object({
  id: z.string().min(1),
  targetId: z.string().min(1),
  year,
  date: isoDate,
  number: z.string().max(100),
  channel: z.enum(BULLETIN_CHANNELS),
  subject: z.string().max(200),
  unqualified: z.boolean(),
  note: z.string().max(2000),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...softDelete,
}) satisfies z.ZodType<BulletinRecord>;

/**
 * The inspector's decision on one pre-filled rule of a year-end assessment:
 * confirmed as offered, or overridden with a reason. id = `${assessmentId}:${ruleId}`.
 */
export interface PrefillDecision {
  id: string;
  assessmentId: string;
  ruleId: string;
  decision: 'confirmed' | 'overridden';
  /** The offer as it was when decided (its JSON), so a later change of the records shows. */
  offered: string;
  reason: string;
  /**
   * The inspector's own response for an override (its JSON); it stands in place of what the records derive.
   * For a 拨测 rule: the judgment of the calls it changes ({ calls: { callId: outcome } }, see PhoneOverride).
   * Absent in rows made before it was kept.
   */
  response?: string | null;
  decidedBy: string;
  decidedAt: string;
  updatedAt: string;
}

export const PrefillDecisionRowSchema = z.object({
  id: z.string().min(1),
  assessmentId: z.string().min(1),
  ruleId: z.string().min(1),
  decision: z.enum(['confirmed', 'overridden']),
  offered: z.string(),
  reason: z.string().max(500),
  response: z.string().max(100_000).nullable().optional(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<PrefillDecision>;
