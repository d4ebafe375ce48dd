import { signEntry } from '../../../shared/trust/bundleTrust';
import { generateDeviceKeys, signValue, type DeviceKeys } from '../../../shared/trust/keys';
import type { Member, Role, SignedRoster } from '../../../shared/trust/model';
import { firstRoster, makeJoinRequest, newOfficeSecret, signRoster, withDevice, withMember, withRevoked, type OfficeSecret } from '../../../shared/trust/office';
import { formatHlc } from '../../../shared/sync/hlc';
import type { WireEntry } from '../../../shared/sync/server/protocol';

/** A test office: its key, a roster with one laptop per member, and laptops that sign entries as the app does. */
export interface Laptop {
  deviceId: string;
  member: Member;
  keys: DeviceKeys;
  counter: number;
}

export interface TestOffice {
  officeId: string;
  secret: OfficeSecret;
  signed: SignedRoster;
  laptops: Record<string, Laptop>;
}

const AT = '2026-06-01T02:00:00.000Z';

/** An office with the given members (key = laptop name); the first is the 管理员. */
export async function makeOffice(officeId: string, people: Record<string, { name: string; role: Role }>, keysFor?: (id: string) => Promise<DeviceKeys>): Promise<TestOffice> {
  const secret = await newOfficeSecret(officeId, `${officeId} 政务公开办公室`);
  const laptops: Record<string, Laptop> = {};
  let roster = null as ReturnType<typeof firstRoster> | null;
  for (const [key, p] of Object.entries(people)) {
    const member: Member = { id: `m-${key}`, name: p.name, role: p.role, team: '第一检查组' };
    const keys = keysFor ? await keysFor(key) : await generateDeviceKeys();
    const deviceId = `${officeId}-${key}`;
    roster = roster ? withMember(roster, member, AT) : firstRoster(secret, member, AT);
    roster = withDevice(roster, await makeJoinRequest(deviceId, `${p.name}的笔记本`, keys, AT), member.id, AT);
    laptops[key] = { deviceId, member, keys, counter: 0 };
  }
  return { officeId, secret, signed: await signRoster(secret, roster!), laptops };
}

/** The office's roster with a laptop revoked, signed by the office key. */
export async function revokedRoster(office: TestOffice, deviceId: string): Promise<SignedRoster> {
  return signRoster(office.secret, withRevoked(office.signed.roster, deviceId, AT));
}

/** A change entry signed by a laptop, stamped `ms` (default: now). */
export async function entry(laptop: Laptop, change: { table?: string; rowId?: string; field?: string; value?: unknown; prev?: string[]; ms?: number; author?: string }): Promise<WireEntry> {
  const hlc = formatHlc({ ms: change.ms ?? Date.now(), counter: laptop.counter++ % 100000, deviceId: laptop.deviceId });
  const e = {
    id: `${hlc}#000`,
    hlc,
    table: change.table ?? 'targets',
    rowId: change.rowId ?? `t-${laptop.deviceId}-${laptop.counter}`,
    field: change.field ?? 'name',
    value: change.value === undefined ? `单位 ${laptop.counter}` : change.value,
    author: change.author ?? laptop.member.name,
    deviceId: laptop.deviceId,
    ...(change.prev ? { prev: change.prev } : {}),
  };
  return { ...e, sig: await signEntry(laptop.keys.signPrivate, e) };
}

/** `count` signed entries of one laptop (names of new units). */
export async function entries(laptop: Laptop, count: number, ms?: number): Promise<WireEntry[]> {
  const out: WireEntry[] = [];
  for (let i = 0; i < count; i++) out.push(await entry(laptop, { ms }));
  return out;
}

/** The enrolment proof: the laptop's signature over `{ code, deviceId, officeId }`. */
export function enrolProof(laptop: Laptop, officeId: string, code: string): Promise<string> {
  return signValue(laptop.keys.signPrivate, { code, deviceId: laptop.deviceId, officeId });
}
