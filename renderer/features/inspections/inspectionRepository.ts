import type { DrawPlan, DrawCandidate, DrawExclusion } from '../../../shared/draw/draw';
import type { HallCandidate } from '../../../shared/draw/halls';
import { INSPECTION_KINDS, type Assessment, type DrawRecord, type Inspection } from '../../../shared/domain/inspections';
import { isHallKind, TARGET_KINDS, type Target } from '../../../shared/domain/targets';
import { contentHash } from '../../../shared/scheme/hash';
import { SchemeSchema } from '../../../shared/scheme/model';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { AssessmentInputError, AssessmentRepository } from '../assessment/assessmentRepository';

export type InspectionInput = Pick<Inspection, 'title' | 'year' | 'kind' | 'startDate' | 'endDate' | 'team' | 'scheme'> & {
  watermarkPhotos?: boolean;
};

export type InspectionEdit = Partial<Pick<Inspection, 'title' | 'kind' | 'startDate' | 'endDate' | 'team' | 'watermarkPhotos'>>;

/** A refused write, with the reason in Chinese for the inspector. */
export class InspectionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InspectionInputError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkFields(v: { title?: string; kind?: string; startDate?: string; endDate?: string; team?: string[] }): void {
  if (v.title !== undefined && !v.title.trim()) throw new InspectionInputError('请填写检查任务名称');
  if (v.title !== undefined && v.title.trim().length > 80) throw new InspectionInputError('检查任务名称不能超过80个字');
  if (v.kind !== undefined && !(INSPECTION_KINDS as readonly string[]).includes(v.kind)) throw new InspectionInputError(`检查类型「${v.kind}」无法识别`);
  if (v.startDate !== undefined && !ISO_DATE.test(v.startDate)) throw new InspectionInputError('请填写开始日期');
  if (v.endDate !== undefined && !ISO_DATE.test(v.endDate)) throw new InspectionInputError('请填写结束日期');
  if (v.startDate && v.endDate && v.endDate < v.startDate) throw new InspectionInputError('结束日期不能早于开始日期');
}

/**
 * Reads and change-logged writes of 检查任务 (rounds), the units in them
 * (评分记录 / assessments) and the random draws that picked those units.
 */
export class InspectionRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  /** Rounds in use, newest first. */
  async list(): Promise<Inspection[]> {
    const rows = await this.db.inspections.where('deleted').equals(0).toArray();
    return rows.sort((a, b) => b.startDate.localeCompare(a.startDate) || b.createdAt.localeCompare(a.createdAt));
  }

  get(id: string): Promise<Inspection | undefined> {
    return this.db.inspections.get(id);
  }

  /** Creates a round with a frozen, validated copy of the scheme and its content hash. */
  async create(input: InspectionInput): Promise<Inspection> {
    checkFields(input);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw new InspectionInputError('年度应为2000至2100之间的年份');
    const parsed = SchemeSchema.safeParse(input.scheme);
    if (!parsed.success) throw new InspectionInputError(`考核方案「${input.scheme?.name ?? ''}」不完整，无法用于检查任务`);
    const scheme = structuredClone(input.scheme);
    const now = this.logger.nowIso();
    const row: Inspection = {
      id: uuidv7(),
      title: input.title.trim(),
      year: input.year,
      kind: input.kind,
      startDate: input.startDate,
      endDate: input.endDate,
      team: cleanTeam(input.team),
      scheme,
      schemeHash: await contentHash(scheme),
      watermarkPhotos: input.watermarkPhotos ?? true,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      deleted: 0,
    };
    await this.logger.save(this.db.inspections, [row]);
    return row;
  }

  async update(id: string, edit: InspectionEdit): Promise<Inspection> {
    const current = await this.db.inspections.get(id);
    if (!current) throw new InspectionInputError('检查任务不存在或已被删除');
    checkFields({ ...edit, startDate: edit.startDate ?? current.startDate, endDate: edit.endDate ?? current.endDate });
    const patch: InspectionEdit = { ...edit };
    if (patch.title !== undefined) patch.title = patch.title.trim();
    if (patch.team !== undefined) patch.team = cleanTeam(patch.team);
    return this.logger.patch<Inspection>(this.db.inspections, id, patch);
  }

  async softDelete(id: string): Promise<void> {
    await this.logger.patch(this.db.inspections, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
  }

  /** The units of a round (not removed), by kind and then by name. */
  async listAssessments(inspectionId: string): Promise<Assessment[]> {
    const rows = await this.db.assessments.where('[inspectionId+deleted]').equals([inspectionId, 0]).toArray();
    return rows.sort(compareAssessments);
  }

  getAssessment(id: string): Promise<Assessment | undefined> {
    return this.db.assessments.get(id);
  }

  /**
   * Adds units to a round; units already in it are skipped. Returns the new
   * assessments. Manual additions are logged like every other write.
   */
  async addTargets(inspectionId: string, targets: readonly Pick<Target, 'id' | 'name' | 'kind'>[], addedBy: Assessment['addedBy']): Promise<Assessment[]> {
    return this.db.transaction('rw', [this.db.inspections, this.db.assessments, this.db.changes], async () => {
      const inspection = await this.db.inspections.get(inspectionId);
      if (!inspection || inspection.deleted) throw new InspectionInputError('检查任务不存在或已被删除');
      const present = new Set((await this.listAssessments(inspectionId)).map((a) => a.targetId));
      const now = this.logger.nowIso();
      const rows: Assessment[] = [];
      for (const t of targets) {
        if (present.has(t.id)) continue;
        present.add(t.id);
        rows.push({
          id: uuidv7(),
          inspectionId,
          targetId: t.id,
          targetName: t.name,
          targetKind: t.kind,
          addedBy,
          status: 'open',
          submittedAt: null,
          submittedBy: null,
          unlockReason: null,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
          deleted: 0,
        });
      }
      await this.logger.save(this.db.assessments, rows);
      return rows;
    });
  }

  /** Removes a unit from a round (soft delete: its records stay and the change log keeps who removed it). */
  async removeAssessment(id: string): Promise<void> {
    const a = await this.db.assessments.get(id);
    if (!a || a.deleted) throw new InspectionInputError('该单位已不在本检查任务中');
    if (a.status === 'submitted') throw new InspectionInputError(`「${a.targetName}」的评分已提交锁定，不能移出；如需移出请先解锁`);
    await this.logger.patch(this.db.assessments, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
  }

  /** 提交: locks the assessment and stores its score snapshot (see AssessmentRepository.submit). */
  async submit(id: string): Promise<Assessment> {
    return asInputError(() => new AssessmentRepository(this.db, this.logger).submit(id));
  }

  /** 解锁: reopens a submitted assessment; a reason is required and kept in the change log. */
  async unlock(id: string, reason: string): Promise<Assessment> {
    return asInputError(() => new AssessmentRepository(this.db, this.logger).unlock(id, reason));
  }

  /** The register as draw candidates (units in use). */
  async drawCandidates(): Promise<DrawCandidate[]> {
    const rows = await this.db.targets.where('deleted').equals(0).toArray();
    return rows.map((t) => ({ targetId: t.id, name: t.name, kind: t.kind }));
  }

  /** Halls with the county they belong to, for drawing halls per county. */
  async hallCandidates(): Promise<HallCandidate[]> {
    const rows = await this.db.targets.where('deleted').equals(0).toArray();
    return rows.filter((t) => isHallKind(t.kind)).map((t) => ({ targetId: t.id, name: t.name, kind: t.kind, parentId: t.parentId ?? null }));
  }

  /**
   * Units that may not be drawn into this round: those already in it, and
   * (optionally) those in the other rounds of the same year (年中及三季度抽查地区和部门一般不重复抽取).
   */
  async drawExclusions(inspection: Inspection, excludeSameYear: boolean): Promise<DrawExclusion[]> {
    const out: DrawExclusion[] = (await this.listAssessments(inspection.id)).map((a) => ({ targetId: a.targetId, reason: '已在本检查任务中' }));
    if (!excludeSameYear) return out;
    const others = (await this.db.inspections.where('year').equals(inspection.year).toArray()).filter((i) => i.id !== inspection.id && !i.deleted);
    others.sort((a, b) => a.startDate.localeCompare(b.startDate));
    for (const other of others) {
      for (const a of await this.listAssessments(other.id)) out.push({ targetId: a.targetId, reason: `已在「${other.title}」中抽查` });
    }
    return out;
  }

  /** Stores the draw record and adds the drawn units to the round, in one transaction. */
  async recordDraw(
    inspectionId: string,
    plan: DrawPlan,
    excludePreviouslyDrawn: boolean,
    halls?: { perCounty: number; pool: HallCandidate[]; byCounty: { countyId: string; hallIds: string[] }[] },
  ): Promise<{ record: DrawRecord; added: Assessment[] }> {
    return this.db.transaction('rw', [this.db.inspections, this.db.assessments, this.db.draws, this.db.changes], async () => {
      const byId = new Map<string, DrawCandidate>(plan.pool.map((c) => [c.targetId, c]));
      for (const h of halls?.pool ?? []) byId.set(h.targetId, h);
      const drawn = [...plan.result, ...(halls?.byCounty.flatMap((c) => c.hallIds) ?? [])].map((id) => byId.get(id)!);
      const record: DrawRecord = {
        id: uuidv7(),
        inspectionId,
        at: this.logger.nowIso(),
        by: this.logger.author,
        seed: plan.seed,
        perKind: plan.perKind,
        excludePreviouslyDrawn,
        pool: plan.pool.map((c) => ({ targetId: c.targetId, name: c.name, kind: c.kind })),
        excluded: plan.excluded,
        result: plan.result,
        ...(halls ? { halls: { perCounty: halls.perCounty, pool: halls.pool.map((h) => ({ targetId: h.targetId, name: h.name, kind: h.kind, parentId: h.parentId })), byCounty: halls.byCounty } } : {}),
        updatedAt: this.logger.nowIso(),
      };
      await this.logger.save(this.db.draws, [record]);
      const added = await this.addTargets(inspectionId, drawn.map((c) => ({ id: c.targetId, name: c.name, kind: c.kind })), 'draw');
      return { record, added };
    });
  }

  async listDraws(inspectionId: string): Promise<DrawRecord[]> {
    const rows = await this.db.draws.where('inspectionId').equals(inspectionId).toArray();
    return rows.sort((a, b) => b.at.localeCompare(a.at));
  }
}

/** Order of units in a round: by kind (县区政府 first), then by name (pinyin), then id. */
export function compareAssessments(a: Assessment, b: Assessment): number {
  return TARGET_KINDS.indexOf(a.targetKind) - TARGET_KINDS.indexOf(b.targetKind) || a.targetName.localeCompare(b.targetName, 'zh-CN') || a.id.localeCompare(b.id);
}

function cleanTeam(team: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of team.map((t) => t.trim()).filter(Boolean)) {
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

async function asInputError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AssessmentInputError) throw new InspectionInputError(e.message);
    throw e;
  }
}
