import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PhotoRepository } from '../../../renderer/features/photos/photoRepository';
import type { PhotoOwner } from '../../../shared/photos/links';
import { FakeProcessor, fixtureSource, newWorld, type World } from '../photos/fakes';

let world: World | undefined;
afterEach(async () => {
  if (world) {
    world.s.db.close();
    await Dexie.delete(world.dbName);
  }
  world = undefined;
});

describe('用于报告 by default', () => {
  it('is on for photos of an indicator and of a finding, off for the assessment as a whole', async () => {
    world = await newWorld(false);
    const repo = new PhotoRepository(world.s.db, world.s.logger, new FakeProcessor(), () => new Date(2024, 5, 20, 14, 5, 11));
    const base: PhotoOwner = { ownerType: 'assessment', ownerId: world.assessment.id, inspectionId: world.inspection.id, assessmentId: world.assessment.id };
    const watermark = await repo.watermarkFor(world.inspection.id, world.assessment.id);
    const indicator = await repo.attach(fixtureSource('board-orient6.jpg', 'a.jpg'), { ...base, ownerType: 'indicator', ownerId: `${world.assessment.id}:pj24c.catalogue` }, { watermark });
    const finding = await repo.attach(fixtureSource('board-orient6.jpg', 'b.jpg'), { ...base, ownerType: 'finding', ownerId: 'finding-1' }, { watermark });
    const whole = await repo.attach(fixtureSource('board-orient6.jpg', 'c.jpg'), base, { watermark });
    expect(indicator.view.link.forReport).toBe(true);
    expect(finding.view.link.forReport).toBe(true);
    expect(whole.view.link.forReport).toBe(false);
  });
});
