import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import { analysePhotoBytes, type PhotoAnalysis } from '../../../shared/photos/analyse';
import type { Session } from '../../../renderer/db/session';
import type { PhotoProcessor } from '../../../renderer/features/photos/photoProcessor';
import type { RenderedPhoto } from '../../../renderer/features/photos/photoRender';
import type { PhotoSource } from '../../../renderer/features/photos/photoRepository';
import { seedRound } from '../support/round';

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
  const { session, inspection, assessment, dbName } = await seedRound({
    dbPrefix: 'photos',
    title: '2024年年中考核',
    watermarkPhotos,
    ids: { inspection: 'insp-1', assessment: 'asmt-1', target: 'tgt-1' },
  });
  return { s: session, inspection, assessment, dbName };
}
