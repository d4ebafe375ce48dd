import { describe, expect, it } from 'vitest';
import type { PhotoLink } from '../../../shared/domain/photos';
import { batchTimeLeft, formatBytes, formatDuration, hashPrefix, storageStatus } from '../../../shared/photos/format';
import { fitWithin } from '../../../shared/photos/limits';
import { planDeletePhoto, planLink, planPhoto, planPurge, planRestore, planUnlink, type PhotoOwner } from '../../../shared/photos/links';

const owner: PhotoOwner = { ownerType: 'assessment', ownerId: 'a1', inspectionId: 'i1', assessmentId: 'a1' };
const finding: PhotoOwner = { ownerType: 'finding', ownerId: 'f1', inspectionId: 'i1', assessmentId: 'a1' };

function link(id: string, o: PhotoOwner, deletedAt: string | null = null, updatedAt = '2024-06-12T00:00:00.000Z'): PhotoLink {
  return { id, photoId: 'p', ...o, caption: '', forReport: false, createdAt: updatedAt, updatedAt, deletedAt, deleted: deletedAt ? 1 : 0 };
}

describe('content addressing', () => {
  it('processes a new photo, reuses a stored one and takes one out of the bin', () => {
    expect(planPhoto(undefined, false)).toEqual({ action: 'process' });
    expect(planPhoto({ deleted: 0 }, true)).toEqual({ action: 'reuse' });
    expect(planPhoto({ deleted: 1 }, true)).toEqual({ action: 'restore' });
    // Row kept but bytes purged: process again.
    expect(planPhoto({ deleted: 0 }, false)).toEqual({ action: 'process' });
  });

  it('links a photo to an owner once; a second attach changes nothing', () => {
    expect(planLink([], owner)).toEqual({ action: 'create' });
    const l = link('l1', owner);
    expect(planLink([l], owner)).toEqual({ action: 'exists', link: l });
    expect(planLink([l], finding)).toEqual({ action: 'create' });
  });

  it('brings back the newest removed link instead of adding a duplicate', () => {
    const old = link('l1', owner, '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z');
    const newer = link('l2', owner, '2024-06-05T00:00:00.000Z', '2024-06-05T00:00:00.000Z');
    expect(planLink([old, newer], owner)).toEqual({ action: 'restore', link: newer });
  });
});

describe('soft delete and restore', () => {
  it('unlinking the last use sends the photo to the bin; otherwise it stays', () => {
    const a = link('l1', owner);
    const f = link('l2', finding);
    expect(planUnlink(a, [a, f])).toEqual({ linkIds: ['l1'], photo: false });
    expect(planUnlink(a, [a, { ...f, deleted: 1, deletedAt: 'x' }])).toEqual({ linkIds: ['l1'], photo: true });
  });

  it('deleting a photo removes every link in use; restore brings back exactly those', () => {
    const earlier = link('l0', owner, '2024-06-01T00:00:00.000Z');
    const a = link('l1', finding);
    const plan = planDeletePhoto([earlier, a]);
    expect(plan).toEqual({ linkIds: ['l1'], photo: true });
    const t = '2024-06-20T00:00:00.000Z';
    const after = [earlier, { ...a, deleted: 1 as const, deletedAt: t }];
    expect(planRestore({ deletedAt: t }, after)).toEqual(['l1']);
  });

  it('restores the most recently removed link when none matches the photo time', () => {
    const l1 = link('l1', owner, '2024-06-01T00:00:00.000Z');
    const l2 = link('l2', finding, '2024-06-03T00:00:00.000Z');
    expect(planRestore({ deletedAt: '2024-06-09T00:00:00.000Z' }, [l1, l2])).toEqual(['l2']);
    expect(planRestore({ deletedAt: null }, [])).toEqual([]);
  });

  it('emptying the bin removes only photos in the bin, with their links and both blobs', () => {
    const plan = planPurge(
      [
        { id: 'p', deleted: 1 },
        { id: 'q', deleted: 0 },
      ],
      [link('l1', owner), { ...link('l9', owner), photoId: 'q' }],
    );
    expect(plan).toEqual({ photoIds: ['p'], linkIds: ['l1'], blobIds: ['p:processed', 'p:thumb'] });
  });
});

describe('figures shown to the inspector', () => {
  it('size of the stored copy and thumbnail', () => {
    expect(fitWithin(4000, 3000, 2560)).toEqual({ width: 2560, height: 1920 });
    expect(fitWithin(3000, 4000, 320)).toEqual({ width: 240, height: 320 });
    expect(fitWithin(800, 600, 2560)).toEqual({ width: 800, height: 600 });
  });

  it('hash prefix, sizes and time left', () => {
    expect(hashPrefix('d8baf2f440f688e3d345ad3a1819d582c8fdfbc1d06329af71fa8d51b11dd0c2')).toBe('d8baf2f440f688e3');
    expect(formatBytes(1536)).toBe('2 KB');
    expect(formatBytes(5 * 1024 * 1024 + 400 * 1024)).toBe('5.4 MB');
    expect(batchTimeLeft(3000, 3, 10)).toBe(7000);
    expect(batchTimeLeft(0, 0, 10)).toBeNull();
    expect(formatDuration(7000)).toBe('约 7 秒');
    expect(formatDuration(130_000)).toBe('约 2 分 10 秒');
  });

  it('warns at 80 % of the storage the browser allows', () => {
    expect(storageStatus(79, 100).warn).toBe(false);
    const s = storageStatus(80 * 1024 ** 2, 100 * 1024 ** 2);
    expect(s.warn).toBe(true);
    expect(s.message).toContain('本机存储已用 80%（80.0 MB / 100.0 MB）');
    expect(storageStatus(undefined, undefined)).toEqual({ ratio: null, warn: false, message: null });
  });
});
