/** 被考核单位: a unit under assessment. */
export const TARGET_KINDS = ['县区政府', '政府部门', '政务服务大厅', '便民服务中心', '其他'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface Target {
  id: string;
  name: string;
  kind: TargetKind;
  region: string;
  address: string;
  contactPerson: string;
  contactPhone: string;
  /** 政府信息公开联系电话: the numbers called in phone tests; one or more. */
  disclosurePhones: string[];
  note: string;
  /**
   * The county (县区政府) a hall (政务服务大厅, 便民服务中心) belongs to; absent or
   * null for units that belong to no county.
   */
  parentId?: string | null;
  createdAt: string;
  updatedAt: string;
  /** Soft delete: ISO time of deletion, or null while the unit is in use. */
  deletedAt: string | null;
}

/** What a person enters for a unit (the county of a hall is set apart, see TargetInput.parentId). */
export type TargetInput = Omit<Target, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'parentId'> & { parentId?: string | null };

export function isTargetKind(value: string): value is TargetKind {
  return (TARGET_KINDS as readonly string[]).includes(value);
}

/** Normalised form of a unit name, used to detect duplicates ("XX县 人民政府" = "XX县人民政府"). */
export function normaliseUnitName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()（）]/g, (c) => (c === '（' ? '(' : c === '）' ? ')' : c));
}

/** Kinds of unit that are visited as halls (五统一) and belong to a county. */
export const HALL_KINDS: readonly TargetKind[] = ['政务服务大厅', '便民服务中心'];

export function isHallKind(kind: TargetKind): boolean {
  return HALL_KINDS.includes(kind);
}
