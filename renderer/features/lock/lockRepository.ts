import { checkCredential, DEFAULT_IDLE_SECONDS, IDLE_CHOICES, makeCredential, waitAfter, type LockCredential, type LockKind } from '../../../shared/crypto/appLock';
import type { InspectorDatabase } from '../../db/database';

/**
 * The app lock's state on this laptop, in db.meta under `lock.*` (never a key
 * a backup or a bundle carries): the PIN's hash, whether the user chose to go
 * without one, the wrong tries in a row, and the idle time.
 */
const META_CREDENTIAL = 'lock.credential';
const META_SKIPPED = 'lock.skipped';
const META_FAILURES = 'lock.failures';
const META_IDLE = 'lock.idleSeconds';

export interface LockFailures {
  count: number;
  /** ISO time before which no try is checked. */
  waitUntil: string | null;
}

export interface LockSetup {
  credential: LockCredential | null;
  skipped: boolean;
}

export async function lockSetup(db: InspectorDatabase): Promise<LockSetup> {
  const [credential, skipped] = await db.meta.bulkGet([META_CREDENTIAL, META_SKIPPED]);
  return { credential: (credential?.value as LockCredential | undefined) ?? null, skipped: skipped?.value === true };
}

export async function setLockSecret(db: InspectorDatabase, kind: LockKind, secret: string): Promise<void> {
  const credential = await makeCredential(kind, secret);
  await db.meta.bulkPut([
    { key: META_CREDENTIAL, value: credential },
    { key: META_SKIPPED, value: false },
    { key: META_FAILURES, value: { count: 0, waitUntil: null } satisfies LockFailures },
  ]);
}

/** The user chose to go without a lock (after the warning). It can be set later in 设置. */
export async function skipLock(db: InspectorDatabase): Promise<void> {
  await db.meta.put({ key: META_SKIPPED, value: true });
}

export async function removeLock(db: InspectorDatabase): Promise<void> {
  await db.meta.delete(META_CREDENTIAL);
  await db.meta.put({ key: META_SKIPPED, value: true });
}

export async function lockFailures(db: InspectorDatabase): Promise<LockFailures> {
  return ((await db.meta.get(META_FAILURES))?.value as LockFailures | undefined) ?? { count: 0, waitUntil: null };
}

export type UnlockResult = { ok: true } | { ok: false; failures: number; waitUntil: string | null; reason: 'wrong' | 'wait' };

/**
 * Checks a try. While a wait is running the try is not even checked. The
 * count survives a reload, so closing the window does not reset the wait.
 */
export async function tryUnlock(db: InspectorDatabase, secret: string, now: () => number = Date.now): Promise<UnlockResult> {
  const { credential } = await lockSetup(db);
  if (!credential) return { ok: true };
  const failures = await lockFailures(db);
  if (failures.waitUntil && Date.parse(failures.waitUntil) > now()) return { ok: false, failures: failures.count, waitUntil: failures.waitUntil, reason: 'wait' };
  if (await checkCredential(credential, secret)) {
    await db.meta.put({ key: META_FAILURES, value: { count: 0, waitUntil: null } satisfies LockFailures });
    return { ok: true };
  }
  const count = failures.count + 1;
  const wait = waitAfter(count);
  const next: LockFailures = { count, waitUntil: wait ? new Date(now() + wait).toISOString() : null };
  await db.meta.put({ key: META_FAILURES, value: next });
  return { ok: false, failures: count, waitUntil: next.waitUntil, reason: 'wrong' };
}

export async function idleSeconds(db: InspectorDatabase): Promise<number> {
  const v = (await db.meta.get(META_IDLE))?.value;
  return IDLE_CHOICES.some((c) => c.seconds === v) ? (v as number) : DEFAULT_IDLE_SECONDS;
}

export async function setIdleSeconds(db: InspectorDatabase, seconds: number): Promise<void> {
  if (!IDLE_CHOICES.some((c) => c.seconds === seconds)) throw new Error('自动锁定时间无效');
  await db.meta.put({ key: META_IDLE, value: seconds });
}
