// @vitest-environment jsdom
import '../support/rendererSetup';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptHeld, listConflicts } from '../../renderer/features/sync/applyBundle';
import { syncWithServer } from '../../renderer/features/serverSync/serverSync';
import { closeAll, exchange, restart, unit, unitsOf, type Laptop } from '../renderer/sync/laptops';
import { enrolledLaptop } from '../renderer/trust/office';
import { closeServers, fast, serverOffice, startOfficeServer, type OfficeServer } from '../renderer/serverSync/officeServer';


/**
 * Property: three laptops make random edits through the real write path; two of
 * them sync through the office server (push, paged pull, held pages accepted by a
 * person), the third never sees the network and trades bundles on a USB stick
 * with the others. Clocks are off by up to ±20 hours (a laptop further off is
 * refused by the server with a clock message). After everyone has synced and
 * traded bundles, all three show the same units and the same conflicts, and the
 * conflicts are those an independent model of who saw what predicts — as in the
 * bundle-only property test (test/renderer/sync/convergence.test.ts).
 */

const HOUR = 3_600_000;

let server: OfficeServer;
beforeAll(async () => {
  server = await startOfficeServer();
}, 180_000);
afterAll(async () => {
  await closeAll();
  await closeServers();
});

async function conflictKeys(l: Laptop): Promise<string[]> {
  return (await listConflicts(l.session.db)).map((c) => `${c.kind}:${c.field}:${c.rowId}`).sort();
}

type Op =
  | { k: 'create'; at: number }
  | { k: 'edit'; at: number; row: number; field: 'name' | 'contactPhone' | 'note'; value: number }
  | { k: 'delete'; at: number; row: number }
  | { k: 'restore'; at: number; row: number }
  | { k: 'sync'; at: number }
  | { k: 'exchange'; at: number; from: number }
  | { k: 'restart'; at: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('create' as const), at: fc.nat(2) }),
  fc.record({ k: fc.constant('edit' as const), at: fc.nat(2), row: fc.nat(4), field: fc.constantFrom('name' as const, 'contactPhone' as const, 'note' as const), value: fc.nat(2) }),
  fc.record({ k: fc.constant('delete' as const), at: fc.nat(2), row: fc.nat(4) }),
  fc.record({ k: fc.constant('restore' as const), at: fc.nat(2), row: fc.nat(4) }),
  fc.record({ k: fc.constant('sync' as const), at: fc.nat(1) }),
  fc.record({ k: fc.constant('sync' as const), at: fc.nat(1) }),
  fc.record({ k: fc.constant('exchange' as const), at: fc.nat(2), from: fc.nat(2) }),
  fc.record({ k: fc.constant('restart' as const), at: fc.nat(2) }),
);

interface Write {
  id: number;
  rowId: string;
  fields: Record<string, unknown>;
  seen: Set<number>;
}

/** A sync as a person runs it: a page held for its far-ahead stamps is accepted after checking, and the sync run again. */
async function sync(l: Laptop): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const r = await syncWithServer(l.session, fast);
    if (!r.held) return;
    for (const q of await l.session.db.quarantine.where('status').equals('pending').toArray()) await acceptHeld(l.session, q.id);
  }
  throw new Error('sync still held after five rounds');
}

async function runScenario(skews: number[], ops: Op[]): Promise<void> {
  const { admin, laptops } = await serverOffice(server, [
    { name: '甲', role: 'lead', skew: skews[0] },
    { name: '乙', role: 'lead', skew: skews[1] },
  ]);
  const offline = await enrolledLaptop(admin, '丙', 'lead');
  offline.skew = skews[2];
  const ls = [...laptops, offline];
  const writes: Write[] = [];
  const known: Set<number>[] = ls.map(() => new Set());
  const onServer = new Set<number>();
  const rowIds: string[] = [];
  const record = (at: number, rowId: string, fields: Record<string, unknown>) => {
    const w: Write = { id: writes.length, rowId, fields, seen: new Set(known[at]) };
    writes.push(w);
    known[at].add(w.id);
  };
  const doSync = async (at: number) => {
    await sync(ls[at]);
    for (const id of known[at]) onServer.add(id);
    for (const id of onServer) known[at].add(id);
  };
  const doExchange = async (to: number, from: number) => {
    await exchange(ls[to], ls[from]);
    for (const id of known[from]) known[to].add(id);
  };

  for (const op of ops) {
    const l = ls[op.at];
    if (op.k === 'create') {
      const t = await l.repo.create(unit(`单位${rowIds.length}`));
      rowIds.push(t.id);
      record(op.at, t.id, { name: t.name, contactPhone: '', note: '', deleted: 0 });
    } else if (op.k === 'sync') {
      await doSync(op.at);
    } else if (op.k === 'exchange') {
      if (op.from !== op.at) await doExchange(op.at, op.from);
    } else if (op.k === 'restart') {
      await restart(l);
    } else {
      const id = rowIds[op.row];
      const row = id ? await l.session.db.targets.get(id) : undefined;
      if (!row) continue;
      if (op.k === 'edit' && row.deleted === 0) {
        const value = `${op.field}-${op.value}`;
        if (row[op.field] === value) continue;
        await l.repo.update(id, { ...unit(row.name), contactPhone: row.contactPhone, note: row.note, [op.field]: value });
        record(op.at, id, { [op.field]: value });
      } else if (op.k === 'delete' && row.deleted === 0) {
        await l.repo.softDelete(id);
        record(op.at, id, { deleted: 1 });
      } else if (op.k === 'restore' && row.deleted === 1) {
        await l.repo.restore(id);
        record(op.at, id, { deleted: 0 });
      }
    }
  }
  // Everyone catches up: the connected laptops through the server, the offline one by USB with each of them.
  for (let round = 0; round < 2; round++) {
    await doSync(0);
    await doSync(1);
    await doExchange(2, 0);
    await doExchange(2, 1);
    await doExchange(0, 2);
    await doExchange(1, 2);
  }
  await doSync(0);
  await doSync(1);

  const shown = await unitsOf(ls[0]);
  for (const l of ls.slice(1)) expect(await unitsOf(l)).toEqual(shown);
  const conflicts = await conflictKeys(ls[0]);
  for (const l of ls.slice(1)) expect(await conflictKeys(l)).toEqual(conflicts);

  const expected = new Set<string>();
  const maybe = new Set<string>();
  for (const rowId of rowIds) {
    const row = shown.find((r) => r.id === rowId)!;
    const maximal = (field: string) => {
      const ws = writes.filter((w) => w.rowId === rowId && field in w.fields);
      return ws.filter((w) => !ws.some((o) => o.seen.has(w.id)));
    };
    for (const field of ['name', 'contactPhone', 'note', 'deleted']) {
      const heads = maximal(field);
      const values = new Set(heads.map((w) => JSON.stringify(w.fields[field])));
      if (values.size > 1) expected.add(`field:${field}:${rowId}`);
      else expect(row[field]).toEqual(heads[0].fields[field]);
    }
    const deletes = maximal('deleted');
    const key = `deleteEdit:@deleteEdit:${rowId}`;
    if (deletes.every((d) => d.fields.deleted === 1)) {
      const unseen = ['name', 'contactPhone', 'note'].some((f) => maximal(f).some((e) => !deletes.some((d) => d.seen.has(e.id))));
      if (unseen) expected.add(key);
    } else if (deletes.some((d) => d.fields.deleted === 1)) {
      maybe.add(key);
    }
  }
  expect(conflicts.filter((k) => !maybe.has(k))).toEqual([...expected].sort());
}

const skewArb = fc.integer({ min: -20 * HOUR, max: 20 * HOUR });

describe('convergence through the office server, mixed with bundles (property, real write path)', () => {
  it('two laptops on the server and one on USB sticks, clocks off by up to ±20 hours', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(skewArb, skewArb, skewArb), fc.array(opArb, { minLength: 4, maxLength: 14 }), async (skews, ops) => {
        await runScenario(skews, [{ k: 'create', at: 0 }, { k: 'sync', at: 0 }, { k: 'sync', at: 1 }, ...ops]);
        await closeAll();
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});
