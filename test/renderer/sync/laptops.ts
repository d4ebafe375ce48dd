import Dexie from 'dexie';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { acceptHeld, type MergeSummary } from '../../../renderer/features/sync/applyBundle';
import { exportSyncBundle, importSyncBundle } from '../../../renderer/features/sync/syncService';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import type { TargetInput } from '../../../shared/domain/targets';

/** A laptop in a test: its own database and a wall clock the test sets. */
export interface Laptop {
  who: string;
  dbName: string;
  session: Session;
  /** Offset of this laptop's wall clock from the shared test time, in ms. */
  skew: number;
  /** Set to a number to pin the wall clock (a clock reset to 2000-01-01). */
  pinned: number | null;
  repo: TargetRepository;
}

/** The shared test time: advances by one second on every reading, so nothing depends on real time. */
let shared = Date.UTC(2026, 5, 1, 2, 0, 0);
export const testNow = () => (shared += 1000);

const opened: string[] = [];
const sessions: Session[] = [];

function wallOf(l: Pick<Laptop, 'skew' | 'pinned'>): () => number {
  let pinnedTicks = 0;
  return () => (l.pinned !== null ? l.pinned + pinnedTicks++ : testNow() + l.skew);
}

export async function laptop(who: string, skew = 0): Promise<Laptop> {
  const dbName = `sync-${who}-${Math.random().toString(36).slice(2)}`;
  opened.push(dbName);
  const l = { who, dbName, skew, pinned: null } as Laptop;
  const s = await openSession(new InspectorDatabase(dbName), wallOf(l));
  l.session = await saveProfile(s, { name: who, organisation: '盘锦市政务公开办', team: '一组' });
  sessions.push(l.session);
  l.repo = new TargetRepository(l.session.db, l.session.logger);
  return l;
}

/** Close and reopen the laptop's database, as after a restart (the clock starts again from what is stored). */
export async function restart(l: Laptop): Promise<void> {
  l.session.db.close();
  const s = await openSession(new InspectorDatabase(l.dbName), wallOf(l));
  l.session = await saveProfile(s, { name: l.who, organisation: '盘锦市政务公开办', team: '一组' });
  sessions.push(l.session);
  l.repo = new TargetRepository(l.session.db, l.session.logger);
}

export async function closeAll(): Promise<void> {
  for (const s of sessions.splice(0)) s.db.close();
  for (const n of opened.splice(0)) await Dexie.delete(n);
}

export const unit = (name: string, more: Partial<TargetInput> = {}): TargetInput => ({
  name,
  kind: '政府部门',
  region: '市直',
  address: '',
  contactPerson: '',
  contactPhone: '',
  disclosurePhones: [],
  note: '',
  ...more,
});

export async function bundleOf(l: Laptop): Promise<Uint8Array> {
  return (await exportSyncBundle(l.session, 'test')).bytes;
}

/** `to` imports `from`'s bundle; a bundle held for a person is accepted, as a person would after checking. */
export async function exchange(to: Laptop, from: Laptop, accept = true): Promise<MergeSummary> {
  const r = await importSyncBundle(to.session, `${from.who}.zwgksync`, await bundleOf(from));
  if (r.held && accept) return acceptHeld(to.session, r.held.id);
  return r;
}

/** Everyone imports everyone else's bundle, twice round, so all have every change. */
export async function fullExchange(ls: Laptop[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const to of ls) for (const from of ls) if (to !== from) await exchange(to, from);
}

/** What a laptop shows of its units: every field but the local modification time. */
export async function unitsOf(l: Laptop): Promise<Record<string, unknown>[]> {
  const rows = await l.session.db.targets.toArray();
  return rows.map(({ updatedAt: _u, ...rest }) => rest).sort((a, b) => (a.id < b.id ? -1 : 1));
}
