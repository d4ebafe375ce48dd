import { ServerSyncError } from '../../../shared/sync/server/client';
import type { Session } from '../../db/session';
import { syncWithServer, type SyncOutcome, type SyncProgress, type Transport } from './serverSync';
import { serverConfig } from './serverState';

/**
 * Automatic sync while the server is reachable: every few minutes after a sync
 * that succeeded; after a failure that may pass (no network, server busy) sooner
 * at first, then less and less often (backoff); after one a person must fix
 * (revoked, clock, code) not again until someone presses 立即同步. Coming back
 * online syncs at once.
 */
export const AUTO_SYNC_INTERVAL_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 15 * 60_000;

/** The wait before the next automatic sync after `failures` transient failures in a row. */
export function retryDelay(failures: number): number {
  if (failures <= 0) return AUTO_SYNC_INTERVAL_MS;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
}

export interface LiveSync {
  running: boolean;
  progress: SyncProgress | null;
  /** When the next automatic sync is due (ms), null when none is planned. */
  nextAt: number | null;
}

let live: LiveSync = { running: false, progress: null, nextAt: null };
const listeners = new Set<(s: LiveSync) => void>();

function set(patch: Partial<LiveSync>): void {
  live = { ...live, ...patch };
  for (const l of listeners) l(live);
}

export function liveSync(): LiveSync {
  return live;
}

export function onLiveSync(listener: (s: LiveSync) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A sync whose progress the 服务器同步 card shows, whoever started it. */
export async function trackedSync(session: Session, transport: Transport = {}): Promise<SyncOutcome> {
  set({ running: true, progress: null });
  try {
    return await syncWithServer(session, { ...transport, onProgress: (progress) => set({ progress }) });
  } finally {
    set({ running: false, progress: null });
  }
}

/** Starts the automatic sync for a session; returns the stop function. */
export function startAutoSync(session: Session, options: { firstDelayMs?: number; transport?: Transport } = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let stopped = false;
  const plan = (ms: number | null) => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || ms === null) return set({ nextAt: null });
    set({ nextAt: Date.now() + ms });
    timer = setTimeout(() => void run(), ms);
  };
  const run = async () => {
    const config = await serverConfig(session.db).catch(() => null);
    if (!config || !config.auto) return plan(AUTO_SYNC_INTERVAL_MS);
    try {
      await trackedSync(session, options.transport);
      failures = 0;
      plan(AUTO_SYNC_INTERVAL_MS);
    } catch (e) {
      if (e instanceof ServerSyncError && !e.transient) return plan(null);
      plan(retryDelay(++failures));
    }
  };
  const online = () => plan(1000);
  globalThis.addEventListener?.('online', online);
  plan(options.firstDelayMs ?? 5000);
  return () => {
    stopped = true;
    globalThis.removeEventListener?.('online', online);
    plan(null);
  };
}
