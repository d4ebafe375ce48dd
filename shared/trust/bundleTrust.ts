import { z } from 'zod';
import { entryFields, isRowEntry, type ChangeLogEntry } from '../domain/changeLog';
import { canonicalJson } from './canonicalJson';
import { signValue, verifyValue } from './keys';
import { headsOf, winnerOf } from '../sync/merge';
import { isLeadRole, memberOf, newerRoster, TrustError, verifyRoster } from './office';
import type { Roster, SignedRoster, Signer } from './model';

/**
 * Signatures inside a sync bundle: the manifest is signed by the laptop that
 * made it (and carries the newest roster it holds, so a revocation travels);
 * every change entry carries its author laptop's signature over the canonical
 * JSON of the entry without `sig`, whatever its other fields, so entries
 * relayed through other laptops keep it.
 */

/** An entry as stored and sent: the change plus its author laptop's signature. */
export type SignedEntry = ChangeLogEntry & { sig?: string };

export const manifestSignatureSchema = z.object({
  deviceId: z.string().min(1).max(100),
  sig: z.string().max(200),
  roster: z.unknown().optional(),
});
export type ManifestSignature = z.infer<typeof manifestSignatureSchema>;

/** What an entry's signature covers. */
export function entryBody(entry: object): unknown {
  const { sig: _sig, ...rest } = entry as Record<string, unknown>;
  return rest;
}

export async function signEntry(key: CryptoKey, entry: ChangeLogEntry): Promise<string> {
  return signValue(key, entryBody(entry));
}

/** What the manifest's signature covers: the whole manifest without its `signature`. */
export function manifestBody(manifest: object): unknown {
  const { signature: _s, ...rest } = manifest as Record<string, unknown>;
  return JSON.parse(canonicalJson(rest));
}

export async function signManifest(key: CryptoKey, deviceId: string, manifest: object, roster: SignedRoster): Promise<ManifestSignature> {
  return { deviceId, sig: await signValue(key, manifestBody(manifest)), roster };
}

const refused = (why: string) => new TrustError(`同步数据包未合并，本机数据未改变：${why}`);

export interface VerifiedBundle {
  signer: Signer;
  /** The newest roster known after this bundle (the bundle may bring a newer one: a revocation, a new laptop). */
  roster: SignedRoster;
  rosterChanged: boolean;
}

/**
 * Checks a bundle against this laptop's roster: who signed it (enrolled, not
 * revoked), the manifest signature, and every entry this laptop does not hold
 * yet (its laptop enrolled and not revoked, its author that laptop's member,
 * its signature). Throws a TrustError that says which.
 */
export async function verifyBundle(
  manifest: { deviceId: string; signature?: unknown } & object,
  entries: readonly SignedEntry[],
  local: SignedRoster,
  isKnown: (index: number) => boolean,
): Promise<VerifiedBundle> {
  const parsed = manifestSignatureSchema.safeParse(manifest.signature);
  if (!parsed.success) throw refused(`数据包没有签名，发送的电脑未加入「${local.roster.officeName}」`);
  const signature = parsed.data;
  let roster = local;
  if (signature.roster !== undefined) {
    let theirs: SignedRoster;
    try {
      theirs = await verifyRoster(signature.roster, local.roster);
    } catch (e) {
      throw refused(`数据包所附的${(e as Error).message}`);
    }
    roster = newerRoster(local, theirs)!;
  }
  const who = memberOf(roster.roster, signature.deviceId);
  if (!who || signature.deviceId !== manifest.deviceId) throw refused('发送的电脑不在本办公室的人员名单中');
  if (who.device.revokedAt) throw refused(`发送的电脑「${who.device.name}」（${who.member.name}）已被吊销`);
  if (!(await verifyValue(who.device.signKey, manifestBody(manifest), signature.sig))) throw refused('数据包的签名无效，文件在签名后被改动或系伪造');
  const problem = await entryProblems(entries, roster.roster, isKnown);
  if (problem) throw refused(problem);
  return { signer: { officeName: roster.roster.officeName, ...who }, roster, rosterChanged: roster !== local };
}

export async function entryProblems(entries: readonly SignedEntry[], roster: Roster, isKnown: (index: number) => boolean): Promise<string | null> {
  const checks: Promise<string | null>[] = [];
  for (const [i, e] of entries.entries()) {
    if (isKnown(i)) continue;
    const at = `第 ${i + 1} 条修改记录`;
    const who = memberOf(roster, e.deviceId);
    if (!who) return `${at}来自不在人员名单中的电脑`;
    if (who.device.revokedAt) return `${at}来自已吊销的电脑「${who.device.name}」（${who.member.name}）`;
    if (e.author !== '' && e.author !== who.member.name) return `${at}的作者「${e.author}」不是签名电脑「${who.device.name}」的使用人「${who.member.name}」`;
    if (!e.sig) return `${at}没有「${who.device.name}」的签名`;
    checks.push(verifyValue(who.device.signKey, entryBody(e), e.sig).then((ok) => (ok ? null : `${at}的签名无效（记录被改动或伪造）`)));
  }
  for (const p of await Promise.all(checks)) if (p) return p;
  return null;
}

// ------------------------------------------------------------------ role rules

/** Values of the entries an entry replaces (its `prev` stamps on the same field). */
export type PriorValues = (entry: ChangeLogEntry) => Promise<unknown[]>;

/**
 * The team lead's work, recognised in change entries: reopening a submitted
 * assessment, numbering a notice or assigning notice numbers, and settling a
 * conflict (an entry replacing concurrent values that differ). Returns why an
 * entry from a member without the role is refused, or null.
 */
export async function leadOnlyAction(entry: ChangeLogEntry, prior: PriorValues): Promise<string | null> {
  if (entry.table === 'noticeBlocks') return '分配通知书文号段';
  // A new row's fields come in one row entry: a notice created with its number is numbering too.
  if (isRowEntry(entry)) return entry.table === 'notices' && entryFields(entry).some((f) => f.field === 'number' && f.value) ? '编制整改通知书文号' : null;
  if (entry.table === 'notices' && entry.field === 'number' && entry.value) return '编制整改通知书文号';
  const prev = entry.prev ?? [];
  if (entry.table === 'assessments' && entry.field === 'status' && entry.value !== 'submitted' && prev.length) {
    if ((await prior(entry)).includes('submitted')) return '解锁已提交的评分';
  }
  if (prev.length > 1) {
    const values = new Set((await prior(entry)).map((v) => canonicalJson(v)));
    if (values.size > 1) return '处理合并冲突';
  }
  return null;
}

/**
 * The `prev` of an ordinary edit by a member without the lead's role: the edit
 * replaces the value it was made over (the field's shown value), never a
 * concurrent different one, so it does not settle an open conflict (which
 * `leadOnlyAction` would count as the lead's work and every colleague would
 * refuse). The conflict stays, now between the new value and the other one,
 * for the 组长 to settle. `prev` is what the edit would name otherwise (a delete
 * names the heads of every field); only heads of the same field are dropped.
 */
export function prevWithoutSettling(prev: string[] | undefined, entriesOfField: readonly ChangeLogEntry[]): string[] | undefined {
  if (!prev) return prev;
  const heads = headsOf(entriesOfField);
  const shown = winnerOf(heads);
  if (!shown) return prev;
  const shownValue = canonicalJson(shown.value);
  const other = new Set(heads.filter((h) => canonicalJson(h.value) !== shownValue).map((h) => h.hlc));
  if (other.size === 0) return prev;
  const kept = new Set(heads.filter((h) => !other.has(h.hlc)).map((h) => h.hlc));
  const out = prev.filter((s) => !other.has(s) || kept.has(s));
  return out.length ? out : undefined;
}

/** The first entry that does the team lead's work without the role, as a refusal message; null when all may. */
export async function roleProblem(entries: readonly ChangeLogEntry[], roster: Roster, isKnown: (index: number) => boolean, prior: PriorValues): Promise<string | null> {
  for (const [i, e] of entries.entries()) {
    if (isKnown(i)) continue;
    const who = memberOf(roster, e.deviceId);
    if (!who || isLeadRole(who.member.role)) continue;
    const action = await leadOnlyAction(e, prior);
    if (action) return `同步数据包未合并，本机数据未改变：第 ${i + 1} 条修改记录由检查员「${who.member.name}」${action}，须由组长操作`;
  }
  return null;
}
