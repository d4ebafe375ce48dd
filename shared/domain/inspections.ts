import type { ScoreSnapshot } from '../inspections/snapshot';
import { z } from 'zod';
import type { Scheme } from '../scheme/model';
import type { RuleResponse } from '../scoring/responses';
import type { TargetKind } from './targets';

/** 检查任务 / 批次: one round with a frozen copy of its scheme. */
export const INSPECTION_KINDS = ['年中考核', '三季度考核', '年终考核', '专项检查', '回头看'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

interface SoftDeletable {
  deletedAt: string | null;
  /** Indexable mirror of deletedAt (IndexedDB cannot index null). */
  deleted: 0 | 1;
}

export interface Inspection extends SoftDeletable {
  id: string;
  title: string;
  year: number;
  kind: InspectionKind;
  startDate: string;
  endDate: string;
  /** Team members' names. */
  team: string[];
  /** The scheme as it was when the round started; later edits of the scheme never change it. */
  scheme: Scheme;
  schemeHash: string;
  /** Burn time, unit, inspector and round into photos (on by default). */
  watermarkPhotos: boolean;
  createdAt: string;
  updatedAt: string;
}

export type AssessmentStatus = 'open' | 'submitted';

/** 评分记录: one target inside one round. */
export interface Assessment extends SoftDeletable {
  id: string;
  inspectionId: string;
  targetId: string;
  /** Snapshot of the target's name and kind when it was added, for documents. */
  targetName: string;
  targetKind: TargetKind;
  addedBy: 'draw' | 'manual';
  status: AssessmentStatus;
  submittedAt: string | null;
  submittedBy: string | null;
  /** Reason given for the last unlock of a submitted assessment. */
  unlockReason: string | null;
  /**
   * The score as submitted (the latest submission; kept after an unlock so the
   * next submission knows its version). Shown instead of the live score while
   * the assessment is submitted.
   */
  scoreSnapshot?: ScoreSnapshot | null;
  createdAt: string;
  updatedAt: string;
}

/** One rule's response; id = `${assessmentId}:${ruleId}` so concurrent edits of different rules never collide. */
export interface ResponseRow {
  id: string;
  assessmentId: string;
  inspectionId: string;
  ruleId: string;
  response: RuleResponse | null;
  updatedAt: string;
}

/** An inspector's note on one indicator; id = `${assessmentId}:${indicatorId}`. */
export interface IndicatorNote {
  id: string;
  assessmentId: string;
  indicatorId: string;
  text: string;
  updatedAt: string;
}

/**
 * 拨测: one call to the unit's 政府信息公开联系电话. A year-long record of the
 * unit (拨测 is quarterly, independent of visits): `year` and `quarter` place it;
 * assessmentId/inspectionId name the round it was logged in, or are empty when
 * it was logged in the unit's year file.
 */
export interface PhoneCallRow extends SoftDeletable {
  id: string;
  assessmentId: string;
  inspectionId: string;
  targetId: string;
  /** The assessment year (since database version 7; older rows get their round's year). */
  year: number;
  quarter: 'Q1' | 'Q2' | 'Q3' | 'Q4';
  number: string;
  /** Local date-time of the call, YYYY-MM-DDTHH:mm. */
  at: string;
  answered: boolean;
  /** Answer obviously wrong? null when not answered or not judged. */
  correct: boolean | null;
  caller: string;
  note: string;
  createdAt: string;
  updatedAt: string;
}

export type ChecklistStatus = 'met' | 'notMet' | 'na';

/** 五统一 walk-through: one checklist item for one assessment; id = `${assessmentId}:${itemId}`. */
export interface ChecklistAnswer {
  id: string;
  assessmentId: string;
  itemId: string;
  status: ChecklistStatus | null;
  note: string;
  updatedAt: string;
}

/** The record of a random draw (随机抽查), kept and printable. */
export interface DrawRecord {
  id: string;
  inspectionId: string;
  at: string;
  by: string;
  seed: string;
  /** How many to draw per kind. */
  perKind: Partial<Record<TargetKind, number>>;
  excludePreviouslyDrawn: boolean;
  /** Units that could be drawn, in the order used by the draw. */
  pool: { targetId: string; name: string; kind: TargetKind }[];
  /** Units of the drawn kinds that did not take part; `kind` is absent in records made before it was stored. */
  excluded: { targetId: string; name: string; reason: string; kind?: TargetKind }[];
  result: string[];
  /** Halls drawn per county in the same draw (随机选取2个政务服务大厅), seeded with `${seed}#hall#${countyId}`. */
  halls?: { perCounty: number; pool: { targetId: string; name: string; kind: TargetKind; parentId: string | null }[]; byCounty: { countyId: string; hallIds: string[] }[] };
  updatedAt: string;
}

/** Validates a 拨测 row from a file or another laptop. */
export const PhoneCallRowSchema = z.object({
  id: z.string().min(1),
  assessmentId: z.string(),
  inspectionId: z.string(),
  targetId: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  quarter: z.enum(['Q1', 'Q2', 'Q3', 'Q4']),
  number: z.string().max(100),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, '拨测时间格式应为YYYY-MM-DDTHH:mm'),
  answered: z.boolean(),
  correct: z.boolean().nullable(),
  caller: z.string().max(100),
  note: z.string().max(2000),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  deleted: z.union([z.literal(0), z.literal(1)]),
}) satisfies z.ZodType<PhoneCallRow>;
