import { entryFields, type ChangeLogEntry } from '../../../shared/domain/changeLog';
import { canonicalJson } from '../../../shared/trust/canonicalJson';
import { entryBody, roleProblem, signEntry, signManifest, verifyBundle, type ManifestSignature, type PriorValues, type SignedEntry } from '../../../shared/trust/bundleTrust';
import { memberOf, TrustError } from '../../../shared/trust/office';
import { signerLabel, type SignedRoster } from '../../../shared/trust/model';
import type { InspectorDatabase } from '../../db/database';
import { loadWriterRole } from '../../db/writerRole';
import { deviceKeys } from './officeKeys';
import { trustStore } from './trustStore';

/**
 * The sync code's calls into team identity: sign what this laptop packs, and
 * check what it opens, before anything is written. A laptop that has not
 * joined an office packs and opens bundles as before.
 */

export interface BundleSigner {
  /** Signs this laptop's own entries that have no signature yet, and stores the signatures (relays keep them). */
  signEntries(entries: ChangeLogEntry[]): Promise<ChangeLogEntry[]>;
  /** The manifest's signature block (signed by this laptop, with the roster it holds). */
  seal(manifest: object): Promise<ManifestSignature>;
}

/** The signer for this laptop's bundles, or null when it has not joined an office. */
export async function bundleSigner(db: InspectorDatabase, deviceId: string): Promise<BundleSigner | null> {
  const roster = await trustStore(db).roster();
  if (!roster || !memberOf(roster.roster, deviceId)) return null;
  const keys = await deviceKeys(db);
  return {
    async signEntries(entries) {
      const out: SignedEntry[] = [];
      const signed: SignedEntry[] = [];
      for (const e of entries as SignedEntry[]) {
        if (e.deviceId === deviceId && !e.sig) {
          const withSig = { ...e, sig: await signEntry(keys.signPrivate, e) };
          signed.push(withSig);
          out.push(withSig);
        } else out.push(e);
      }
      if (signed.length) await db.changes.bulkPut(signed);
      return out;
    },
    seal: (manifest) => signManifest(keys.signPrivate, deviceId, manifest, roster),
  };
}

/** The verified sender of a bundle, as enrolled. */
export interface VerifiedSender {
  memberName: string;
  team: string;
  deviceName: string;
  officeName: string;
  /** 张三 · 第一检查组 · 张三的笔记本 */
  label: string;
}

export interface CheckedBundle {
  sender: VerifiedSender | null;
  /** A newer roster the bundle brought; kept once the bundle is merged. */
  newerRoster: SignedRoster | null;
}

/**
 * Checks an opened bundle: signatures against the roster, then the role rules.
 * Throws a Chinese message saying which check failed; writes nothing.
 * `stored[i]` is this laptop's copy of entry i, if any: an entry held identically needs no check.
 */
export async function checkIncomingBundle(
  db: InspectorDatabase,
  manifest: { deviceId: string; signature?: unknown },
  entries: readonly ChangeLogEntry[],
  stored: readonly (ChangeLogEntry | undefined)[],
): Promise<CheckedBundle> {
  const local = await trustStore(db).roster();
  if (!local) return { sender: null, newerRoster: null };
  const known = stored.map((k, i) => !!k && canonicalJson(entryBody(k)) === canonicalJson(entryBody(entries[i])));
  const isKnown = (i: number) => known[i];
  const verified = await verifyBundle(manifest, entries, local, isKnown);
  const prior = priorValuesOf(db, entries);
  const problem = await roleProblem(entries, verified.roster.roster, isKnown, prior);
  if (problem) throw new TrustError(problem);
  const { member, device } = verified.signer;
  return {
    sender: { memberName: member.name, team: member.team, deviceName: device.name, officeName: verified.signer.officeName, label: signerLabel(verified.signer) },
    newerRoster: verified.rosterChanged ? verified.roster : null,
  };
}

/**
 * The values an entry replaces (its `prev` stamps on the same field), looked up among
 * the incoming entries and this laptop's log: what the role rules judge an entry by.
 */
export function priorValuesOf(db: InspectorDatabase, entries: readonly ChangeLogEntry[]): PriorValues {
  // Indexed per field: a row entry (a new row's fields in one entry) counts as a value of each of its fields.
  const byStamp = new Map<string, { id: string; value: unknown }[]>();
  const stampKey = (e: ChangeLogEntry, field: string, hlc: string) => `${e.table}\u0001${e.rowId}\u0001${field}\u0001${hlc}`;
  for (const e of entries) {
    for (const f of entryFields(e)) {
      const key = stampKey(e, f.field, e.hlc);
      byStamp.set(key, [...(byStamp.get(key) ?? []), { id: e.id, value: f.value }]);
    }
  }
  return async (e: ChangeLogEntry): Promise<unknown[]> => {
    const stamps = new Set(e.prev ?? []);
    if (!stamps.size) return [];
    // The replaced entries, from the bundle or from this laptop's log, each once.
    const replaced = new Map<string, unknown>();
    for (const hlc of stamps) for (const p of byStamp.get(stampKey(e, e.field, hlc)) ?? []) replaced.set(p.id, p.value);
    const local = await db.changes.where('[table+rowId]').equals([e.table, e.rowId]).toArray();
    for (const p of local) {
      if (!stamps.has(p.hlc) || replaced.has(p.id)) continue;
      const f = entryFields(p).find((x) => x.field === e.field);
      if (f) replaced.set(p.id, f.value);
    }
    return [...replaced.values()];
  };
}

/** Keeps the newer roster a merged bundle brought (a revocation, a newly enrolled laptop). */
export async function keepRoster(db: InspectorDatabase, checked: CheckedBundle): Promise<void> {
  if (!checked.newerRoster) return;
  const store = trustStore(db);
  await db.transaction('rw', db.trust, async () => {
    const current = await store.roster();
    if (!current || checked.newerRoster!.roster.version > current.roster.version) await store.putRoster(checked.newerRoster!);
  });
  // A revocation may take this laptop's lead role: its later edits stop settling conflicts.
  await loadWriterRole(db);
}
