import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type RunningServer } from '../../../server/app';
import { enrolWithServer, type Transport } from '../../../renderer/features/serverSync/serverSync';
import { trustStore } from '../../../renderer/features/trust/trustStore';
import type { Role } from '../../../shared/trust/model';
import { enrolledLaptop, adminLaptop } from '../trust/office';
import { testNow, type Laptop } from '../sync/laptops';

/** The real office sync server, started in this process on 127.0.0.1 with the embedded engine in a temporary folder. */
export interface OfficeServer {
  url: string;
  running: RunningServer;
  /** Registers (or updates) the office of the 管理员's laptop on the server: its signed roster. */
  addOffice(admin: Laptop): Promise<string>;
  /** A one-time enrolment code for a laptop, as the 管理员 makes with the admin command. */
  code(officeId: string, deviceId: string): Promise<string>;
  close(): Promise<void>;
}

const servers: OfficeServer[] = [];

/** The server's clock is the laptops' shared test time (test/renderer/sync/laptops.ts). */
export async function startOfficeServer(): Promise<OfficeServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zwgk-laptops-'));
  const running = await createServer({ dataDir, host: '127.0.0.1', port: 0, now: testNow, rateLimit: false });
  let closed = false;
  const s: OfficeServer = {
    url: running.url,
    running,
    async addOffice(admin) {
      const roster = (await trustStore(admin.session.db).roster())!;
      const { officeId } = roster.roster;
      const known = (await running.store.listOffices()).some((o) => o.id === officeId);
      if (!known) await running.store.createOffice(roster);
      else await running.store.putRoster(officeId, roster).catch(() => undefined);
      return officeId;
    },
    code: async (officeId, deviceId) => (await running.store.makeEnrolCode(officeId, deviceId)).code,
    async close() {
      if (closed) return;
      closed = true;
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  servers.push(s);
  return s;
}

export async function closeServers(): Promise<void> {
  for (const s of servers.splice(0)) await s.close();
}

let shared: Promise<OfficeServer> | null = null;

/** One server for a test file (the embedded engine takes seconds to initialise); each test makes its own office on it. */
export function sharedServer(): Promise<OfficeServer> {
  shared ??= startOfficeServer();
  return shared;
}

export async function closeShared(): Promise<void> {
  const s = shared;
  shared = null;
  if (s) await (await s).close();
}

/** No waiting between retries in tests. */
export const fast: Transport = { retry: { attempts: 2, baseMs: 1, maxMs: 1 }, sleep: async () => undefined };

/** An office on the server: the 管理员's laptop and laptops enrolled in the office, each joined to the server with its code. */
export async function serverOffice(server: OfficeServer, people: { name: string; role: Role; skew?: number }[]): Promise<{ officeId: string; admin: Laptop; laptops: Laptop[] }> {
  const admin = await adminLaptop();
  const laptops: Laptop[] = [];
  for (const p of people) {
    const l = await enrolledLaptop(admin, p.name, p.role);
    if (p.skew) l.skew = p.skew;
    laptops.push(l);
  }
  // The roster with every laptop reaches the server (the 管理员 uploads it) before they join.
  const officeId = await server.addOffice(admin);
  for (const l of [admin, ...laptops]) await enrolWithServer(l.session, { url: server.url, code: await server.code(officeId, l.session.device.deviceId) }, fast);
  return { officeId, admin, laptops };
}
