// Merging a laptop's year into the office laptop that holds the year, in Chromium:
// the office holds the year fixture; the laptop holds its own year (1,000 photos)
// and a year of edits on it, and exports a sync bundle. The merge is timed against
// a raw Dexie bulkPut of the same entries into a fresh database, in the same run.
import Dexie from 'dexie';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { exportSyncBundle, importSyncBundle } from '../../../renderer/features/sync/syncService';
import { FULL_YEAR, makeYear, writeYear } from '../../shared/yearFixture';
import type { Figures } from '../../types';

declare global {
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

async function laptop(name: string, who: string): Promise<Session> {
  return saveProfile(await openSession(new InspectorDatabase(name)), { name: who, organisation: '盘锦市政务公开办', team: '一组' });
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export default {
  title: 'Merging a laptop’s year into the office (Chromium)',
  async run(): Promise<Figures> {
    const stamp = Date.now();
    const office = await laptop(`bench-office-${stamp}`, '汇总');
    await writeYear(office, makeYear('office'));
    const field = await laptop(`bench-field-${stamp}`, '李华');
    const own = makeYear('field', { ...FULL_YEAR, photos: 1000 }, '李华');
    await writeYear(field, own);
    // A year of edits: every rule answered again, every finding's status moved on with a reason.
    for (let i = 0; i < own.responses.length; i += 2_000) {
      await field.logger.save(field.db.responses, own.responses.slice(i, i + 2_000).map((r) => ({ ...r, response: r.response && 'count' in r.response ? { count: r.response.count + 1 } : r.response && 'applies' in r.response ? { applies: !r.response.applies } : { value: 0, reason: '复核' } })));
    }
    for (let i = 0; i < own.findings.length; i += 2_000) {
      await field.logger.save(field.db.findings, own.findings.slice(i, i + 2_000).map((f) => ({ ...f, status: '已整改' as const, statusReason: '已按要求整改，附整改材料' })));
    }
    const entries = await field.db.changes.toArray();
    const bundle = await exportSyncBundle(field, 'bench');
    field.db.close();
    await Dexie.delete(field.db.name);

    // The floor: the same entries written raw, in the same chunks, into a fresh database.
    const rawName = `bench-raw-${stamp}`;
    const raw = new InspectorDatabase(rawName);
    await raw.open();
    const r0 = performance.now();
    for (let i = 0; i < entries.length; i += 5_000) await raw.changes.bulkPut(entries.slice(i, i + 5_000));
    const floorMs = performance.now() - r0;
    raw.close();
    await Dexie.delete(rawName);
    const entryCount = entries.length;
    entries.length = 0;

    gc();
    let peak = performance.memory?.usedJSHeapSize ?? 0;
    const sampler = setInterval(() => (peak = Math.max(peak, performance.memory?.usedJSHeapSize ?? 0)), 20);
    const t0 = performance.now();
    const summary = await importSyncBundle(office, 'field.zwgksync', bundle.bytes);
    const mergeMs = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, performance.memory?.usedJSHeapSize ?? 0);
    if (summary.newChanges !== entryCount || summary.photosAdded !== 1000) throw new Error(`merge counts wrong: ${JSON.stringify(summary)}`);
    office.db.close();
    await Dexie.delete(office.db.name);
    return {
      'sync.mergeYear.ms': { value: Math.round(mergeMs), unit: 'ms' },
      'sync.mergeYear.floorMs': { value: Math.round(floorMs), unit: 'ms' },
      'sync.mergeYear.ratio': { value: Math.round((mergeMs / floorMs) * 100) / 100, unit: '×' },
      'sync.mergeYear.peakMb': { value: Math.round(peak / 1048576), unit: 'MB' },
      'sync.mergeYear.entries': { value: entryCount, unit: 'entries' },
      'sync.mergeYear.bundleMb': { value: Math.round((bundle.bytes.byteLength / 1048576) * 10) / 10, unit: 'MB' },
    };
  },
};
