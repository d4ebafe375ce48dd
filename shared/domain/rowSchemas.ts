import { z } from 'zod';
import { SchemeSchema } from '../scheme/model';
import { QUARTERS, RuleResponseSchema } from '../scoring/responses';
import { FINDING_SEVERITIES, FINDING_STATUSES, FOLLOW_UP_OUTCOMES } from './findings';
import { INSPECTION_KINDS } from './inspections';
import { TARGET_KINDS } from './targets';
import { BulletinRecordRowSchema, ComplaintCaseRowSchema, PrefillDecisionRowSchema } from './year';

/**
 * The row of every change-logged table, as a zod schema, with the Chinese names
 * a person reads. Merges check each incoming change against its field here;
 * a new logged table registers its row here (and its name in LOGGED_TABLES).
 */

const text = z.string().max(20_000);
const shortText = z.string().max(500);
const id = z.string().min(1).max(200);
const iso = z.string().max(40);
const isoOrNull = iso.nullable();
/** The indexable soft-delete flag: 0 or 1, nothing else. */
const deletedFlag = z.union([z.literal(0), z.literal(1)]);
const stringList = z.array(shortText).max(10_000);
const count = z.number().int().min(0);

const softDelete = { deletedAt: isoOrNull, deleted: deletedFlag };
const stamps = { createdAt: iso, updatedAt: iso };

export interface RowSpec {
  /** The table in words, e.g. 被检查单位. */
  label: string;
  row: z.ZodObject<z.ZodRawShape>;
  /**
   * Values for fields a row built from the log lacks (fields added by a migration
   * that were never logged). `legacy` holds the winning values of fields this
   * version no longer knows, e.g. v1's `publicPhone`.
   */
  defaults?: (row: Record<string, unknown>, legacy: Record<string, unknown>) => Record<string, unknown>;
}

const softDeleteDefaults = (row: Record<string, unknown>): Record<string, unknown> => {
  const deletedAt = (row.deletedAt as string | null | undefined) ?? null;
  return { deletedAt, deleted: deletedAt ? 1 : 0 };
};

export const ROW_SPECS = {
  targets: {
    label: '被检查单位',
    row: z.object({
      id,
      name: z.string().min(1).max(200),
      kind: z.enum(TARGET_KINDS),
      region: shortText,
      address: shortText,
      contactPerson: shortText,
      contactPhone: shortText,
      disclosurePhones: z.array(z.string().max(50)).max(20),
      note: text,
      /** A hall's county (政务服务大厅 / 便民服务中心 belong to a 县区). */
      parentId: id.nullable().optional(),
      ...stamps,
      ...softDelete,
    }),
    defaults: (row, legacy) => {
      // v2 rewrote v1's one `publicPhone` into a list without logging it.
      const phone = typeof legacy.publicPhone === 'string' ? legacy.publicPhone : '';
      const disclosurePhones = phone
        .split(/[,，;；、\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      return { disclosurePhones, note: '', address: '', contactPerson: '', contactPhone: '', region: '', ...softDeleteDefaults(row) };
    },
  },
  schemes: {
    label: '考核方案',
    row: z.object({ id, scheme: SchemeSchema, name: z.string().min(1).max(500), year: z.number().int(), ...stamps, ...softDelete }),
    defaults: softDeleteDefaults,
  },
  inspections: {
    label: '检查任务',
    row: z.object({
      id,
      title: z.string().min(1).max(500),
      year: z.number().int(),
      kind: z.enum(INSPECTION_KINDS),
      startDate: iso,
      endDate: iso,
      team: stringList,
      scheme: SchemeSchema,
      schemeHash: shortText,
      watermarkPhotos: z.boolean(),
      ...stamps,
      ...softDelete,
    }),
    defaults: (row) => ({ watermarkPhotos: true, team: [], ...softDeleteDefaults(row) }),
  },
  assessments: {
    label: '评分记录',
    row: z.object({
      id,
      inspectionId: id,
      targetId: id,
      targetName: shortText,
      targetKind: z.enum(TARGET_KINDS),
      addedBy: z.enum(['draw', 'manual']),
      status: z.enum(['open', 'submitted']),
      submittedAt: isoOrNull,
      submittedBy: shortText.nullable(),
      unlockReason: text.nullable(),
      /** The score as submitted (responses, result, versions); checked as an object, its content by the engine. */
      scoreSnapshot: z.record(z.string(), z.unknown()).nullable().optional(),
      ...stamps,
      ...softDelete,
    }),
    defaults: (row) => ({ submittedAt: null, submittedBy: null, unlockReason: null, ...softDeleteDefaults(row) }),
  },
  responses: {
    label: '评分',
    row: z.object({ id, assessmentId: id, inspectionId: id, ruleId: id, response: RuleResponseSchema.nullable(), updatedAt: iso }),
  },
  indicatorNotes: {
    label: '指标备注',
    row: z.object({ id, assessmentId: id, indicatorId: id, text, updatedAt: iso }),
  },
  phoneCalls: {
    label: '拨测记录',
    row: z.object({
      id,
      assessmentId: id,
      inspectionId: id,
      targetId: id,
      year: z.number().int().min(2000).max(2100),
      quarter: z.enum(QUARTERS),
      number: z.string().max(50),
      at: iso,
      answered: z.boolean(),
      correct: z.boolean().nullable(),
      caller: shortText,
      note: text,
      ...stamps,
      ...softDelete,
    }),
    defaults: (row) => ({ year: typeof row.at === 'string' ? Number(row.at.slice(0, 4)) : new Date().getFullYear(), ...softDeleteDefaults(row) }),
  },
  checklistAnswers: {
    label: '五统一核查',
    row: z.object({ id, assessmentId: id, itemId: id, status: z.enum(['met', 'notMet', 'na']).nullable(), note: text, updatedAt: iso }),
    defaults: () => ({ note: '' }),
  },
  draws: {
    label: '抽查记录',
    row: z.object({
      id,
      inspectionId: id,
      at: iso,
      by: shortText,
      seed: shortText,
      perKind: z.partialRecord(z.enum(TARGET_KINDS), count),
      excludePreviouslyDrawn: z.boolean(),
      pool: z.array(z.object({ targetId: id, name: shortText, kind: z.enum(TARGET_KINDS) })).max(100_000),
      excluded: z.array(z.object({ targetId: id, name: shortText, reason: shortText, kind: z.enum(TARGET_KINDS).optional() })).max(100_000),
      result: z.array(id).max(100_000),
      halls: z
        .object({
          perCounty: count,
          pool: z.array(z.object({ targetId: id, name: shortText, kind: z.enum(TARGET_KINDS), parentId: id.nullable() })).max(100_000),
          byCounty: z.array(z.object({ countyId: id, hallIds: z.array(id).max(1000) })).max(100_000),
        })
        .optional(),
      updatedAt: iso,
    }),
  },
  findings: {
    label: '问题',
    row: z.object({
      id,
      inspectionId: id,
      assessmentId: id,
      targetId: id,
      indicatorId: id.nullable(),
      ruleId: id.nullable(),
      checklistItemId: id.nullable(),
      description: text,
      severity: z.enum(FINDING_SEVERITIES),
      requirement: text,
      deadline: iso,
      status: z.enum(FINDING_STATUSES),
      noticeId: id.nullable(),
      followUpNote: text,
      statusReason: text.optional(),
      replyReceivedAt: isoOrNull.optional(),
      replyText: text.optional(),
      verifiedBy: shortText.nullable().optional(),
      verifiedAt: isoOrNull.optional(),
      outcome: z.enum(FOLLOW_UP_OUTCOMES).nullable().optional(),
      followUpTaskId: id.nullable().optional(),
      createdBy: shortText,
      ...stamps,
      ...softDelete,
    }),
    defaults: (row) => ({ followUpNote: '', noticeId: null, ...softDeleteDefaults(row) }),
  },
  notices: {
    label: '整改通知书',
    row: z.object({
      id,
      inspectionId: id,
      assessmentId: id,
      targetId: id,
      year: z.number().int(),
      seq: z.number().int().min(1),
      number: shortText,
      issuer: shortText,
      issuedAt: iso,
      deadline: iso,
      findingIds: z.array(id).max(10_000),
      contentHash: shortText,
      voided: z.boolean().optional(),
      voidReason: text.optional(),
      voidedBy: shortText.optional(),
      voidedAt: iso.optional(),
      formerNumbers: z.array(z.object({ number: shortText, seq: z.number().int().min(1), reason: text, by: shortText, at: iso })).max(1000).optional(),
      issuerSignature: z
        .object({ deviceId: z.string().min(1).max(100), sig: z.string().max(200) })
        .nullable()
        .optional(),
      ...stamps,
    }),
  },
  photos: {
    label: '照片',
    row: z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/),
      originalName: shortText,
      originalBytes: count,
      mime: z.string().max(100),
      width: count,
      height: count,
      takenAt: isoOrNull,
      gps: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).nullable(),
      camera: shortText.nullable(),
      attachedAt: iso,
      attachedBy: shortText,
      watermarked: z.boolean(),
      watermarkText: stringList,
      processedBytes: count,
      ...stamps,
      ...softDelete,
    }),
    defaults: softDeleteDefaults,
  },
  photoLinks: {
    label: '照片关联',
    row: z.object({
      id,
      photoId: z.string().regex(/^[0-9a-f]{64}$/),
      ownerType: z.enum(['assessment', 'indicator', 'checklistItem', 'finding']),
      ownerId: z.string().min(1).max(400),
      inspectionId: id,
      assessmentId: id,
      caption: text,
      forReport: z.boolean(),
      ...stamps,
      ...softDelete,
    }),
    defaults: softDeleteDefaults,
  },
  checkRuns: {
    label: '材料核查',
    row: z.object({
      id,
      assessmentId: id,
      inspectionId: id,
      kind: z.enum(['catalogue', 'ledger', 'interpretation', 'submission']),
      fileName: shortText,
      fileHash: shortText,
      result: z.unknown(),
      confirmed: z.array(z.string().max(400)).max(100_000),
      ruleId: id.nullable(),
      count,
      ...stamps,
    }),
  },
  followUpTasks: {
    label: '回头看任务',
    row: z.object({
      id,
      title: z.string().min(1).max(500),
      year: z.number().int(),
      inspectionId: id.nullable(),
      dueBy: iso,
      findingIds: z.array(id).max(100_000),
      createdBy: shortText,
      ...stamps,
      ...softDelete,
    }),
    defaults: softDeleteDefaults,
  },
  sharedSettings: {
    label: '共享设置',
    row: z.object({ id, value: z.record(z.string(), z.unknown()), updatedAt: iso }),
  },
  noticeBlocks: {
    label: '文号段',
    row: z.object({
      id,
      issuer: shortText,
      year: z.number().int(),
      deviceId: id,
      deviceLabel: shortText,
      holder: z.boolean(),
      from: count,
      to: count,
      assignedBy: shortText,
      assignedAt: iso,
      updatedAt: iso,
      ...softDelete,
    }),
    defaults: softDeleteDefaults,
  },
  complaintCases: { label: '投诉件', row: ComplaintCaseRowSchema, defaults: softDeleteDefaults },
  bulletins: { label: '通报记录', row: BulletinRecordRowSchema, defaults: softDeleteDefaults },
  prefillDecisions: { label: '年终预填确认', row: PrefillDecisionRowSchema },
  noticeDrafts: {
    label: '整改通知书草稿',
    row: z.object({
      id,
      inspectionId: id,
      assessmentId: id,
      targetId: id,
      year: z.number().int(),
      findingIds: z.array(id).min(1).max(10_000),
      createdBy: shortText,
      createdAt: iso,
      noticeId: id.nullable(),
      updatedAt: iso,
      ...softDelete,
    }),
    defaults: softDeleteDefaults,
  },
} satisfies Record<string, RowSpec>;

export type LoggedTable = keyof typeof ROW_SPECS;

export function rowSpec(table: string): RowSpec | undefined {
  return Object.hasOwn(ROW_SPECS, table) ? (ROW_SPECS as Record<string, RowSpec>)[table] : undefined;
}

/** The schema of one field of a table, or undefined for a field this version does not know. */
export function fieldSchema(table: string, field: string): z.ZodType | undefined {
  const spec = rowSpec(table);
  if (!spec || !Object.hasOwn(spec.row.shape, field)) return undefined;
  return spec.row.shape[field] as z.ZodType;
}

/** Field names as the screens call them. */
export const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  kind: '类别',
  region: '所属地区',
  address: '地址',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  disclosurePhones: '政府信息公开联系电话',
  note: '备注',
  text: '备注',
  title: '标题',
  year: '年度',
  team: '检查组成员',
  startDate: '开始日期',
  endDate: '结束日期',
  scheme: '考核方案内容',
  watermarkPhotos: '照片水印',
  targetName: '单位名称',
  status: '状态',
  response: '评分',
  submittedAt: '提交时间',
  submittedBy: '提交人',
  unlockReason: '解锁理由',
  quarter: '季度',
  number: '号码',
  at: '时间',
  answered: '是否接听',
  correct: '回答是否正确',
  caller: '拨测人',
  description: '问题描述',
  severity: '严重程度',
  requirement: '整改要求',
  deadline: '整改期限',
  followUpNote: '回头看记录',
  caption: '说明',
  forReport: '用于报告',
  deletedAt: '删除时间',
  deleted: '删除标记',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  id: '编号',
  confirmed: '已确认项',
  count: '计数',
};

export function fieldLabel(field: string): string {
  return Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field] : field;
}

export function tableLabel(table: string): string {
  return rowSpec(table)?.label ?? table;
}
