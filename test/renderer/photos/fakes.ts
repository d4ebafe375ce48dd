import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import { analysePhotoBytes, type PhotoAnalysis } from '../../../shared/photos/analyse';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import type { PhotoProcessor } from '../../../renderer/features/photos/photoProcessor';
import type { RenderedPhoto } from '../../../renderer/features/photos/photoRender';
import type { PhotoSource } from '../../../renderer/features/photos/photoRepository';

export const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'photos');

export function fixtureSource(name: string, as = name): PhotoSource {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
  return { name: as, size: bytes.length, read: async () => bytes.slice() };
}

/**
 * The real byte checks, hashing and EXIF reading (they are pure), with the
 * pixel work replaced: jsdom cannot decode images. Records what it was asked.
 */
export class FakeProcessor implements PhotoProcessor {
  readonly renders: { sha256: string; watermark: string[] | null }[] = [];
  readonly discarded: string[] = [];
  private readonly kept = new Map<string, PhotoAnalysis>();
  private n = 0;

  async analyse(bytes: Uint8Array) {
    const analysis = await analysePhotoBytes(bytes);
    const token = `t${++this.n}`;
    this.kept.set(token, analysis);
    return { token, analysis };
  }

  async render(token: string, watermark: string[] | null): Promise<RenderedPhoto> {
    const a = this.kept.get(token)!;
    this.kept.delete(token);
    this.renders.push({ sha256: a.sha256, watermark });
    return {
      processed: new Blob([new Uint8Array(1000)], { type: 'image/jpeg' }),
      thumb: new Blob([new Uint8Array(100)], { type: 'image/jpeg' }),
      width: a.orientedWidth,
      height: a.orientedHeight,
      watermarked: !!watermark,
    };
  }

  discard(token: string): void {
    this.discarded.push(token);
    this.kept.delete(token);
  }
}

export interface World {
  s: Session;
  inspection: Inspection;
  assessment: Assessment;
  dbName: string;
}

/** A fresh database with an inspector, a round (水印 on) and one assessment in it. */
export async function newWorld(watermarkPhotos = true): Promise<World> {
  const dbName = `photos-${Math.random().toString(36).slice(2)}`;
  let s = await openSession(new InspectorDatabase(dbName));
  s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  const now = new Date().toISOString();
  const inspection: Inspection = {
    id: 'insp-1',
    title: '2024年年中考核',
    year: 2024,
    kind: '年中考核',
    startDate: '2024-06-10',
    endDate: '2024-06-20',
    team: ['王明'],
    scheme: PANJIN_2024_COUNTY,
    schemeHash: 'x',
    watermarkPhotos,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    deleted: 0,
  };
  const assessment: Assessment = {
    id: 'asmt-1',
    inspectionId: inspection.id,
    targetId: 'tgt-1',
    targetName: '盘山县人民政府',
    targetKind: '县区政府',
    addedBy: 'manual',
    status: 'open',
    submittedAt: null,
    submittedBy: null,
    unlockReason: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    deleted: 0,
  };
  await s.logger.save(s.db.inspections, [inspection]);
  await s.logger.save(s.db.assessments, [assessment]);
  return { s, inspection, assessment, dbName };
}
