// Verifies the signatures of 11,000 change entries from five laptops against a
// roster, as a laptop does when it opens a season's bundle (every entry new).
// (In a file named crypto*, so `npm run bench -- --only crypto` runs it with the sealing case.)
import type { ChangeLogEntry } from '../../shared/domain/changeLog';
import { signEntry, verifyBundle, signManifest, type SignedEntry } from '../../shared/trust/bundleTrust';
import { generateDeviceKeys, type DeviceKeys } from '../../shared/trust/keys';
import { firstRoster, makeJoinRequest, newOfficeSecret, signRoster, withDevice, withMember } from '../../shared/trust/office';
import { medianMs, type BenchCase } from '../types';

const ENTRIES = 11_000;
const AT = '2026-06-01T02:00:00.000Z';

export default {
  title: 'Signed bundles: verify 11,000 entries',
  async run() {
    const secret = await newOfficeSecret('office', '盘锦市政务公开办公室');
    let roster = firstRoster(secret, { id: 'm0', name: '王主任', role: 'admin', team: '' }, AT);
    const laptops: { id: string; name: string; keys: DeviceKeys }[] = [];
    for (let i = 0; i < 5; i++) {
      const keys = await generateDeviceKeys();
      const member = { id: `m${i + 1}`, name: `检查员${i + 1}`, role: 'inspector' as const, team: '第一检查组' };
      roster = withDevice(withMember(roster, member, AT), await makeJoinRequest(`dev-${i}`, `笔记本${i}`, keys, AT), member.id, AT);
      laptops.push({ id: `dev-${i}`, name: member.name, keys });
    }
    const signed = await signRoster(secret, roster);
    const entries: SignedEntry[] = [];
    for (let n = 0; n < ENTRIES; n++) {
      const l = laptops[n % laptops.length];
      const hlc = `${String(1780279200000 + n).padStart(13, '0')}-00000-${l.id}`;
      const e: ChangeLogEntry = { id: `${hlc}#000`, hlc, table: 'responses', rowId: `r${n % 900}`, field: 'count', value: n % 7, author: l.name, deviceId: l.id, prev: n > 5 ? [`${hlc}x`] : undefined };
      entries.push({ ...e, sig: await signEntry(l.keys.signPrivate, e) });
    }
    const manifest = { deviceId: 'dev-0', author: '检查员1', tables: { changes: { rows: ENTRIES } } };
    const full = { ...manifest, signature: await signManifest(laptops[0].keys.signPrivate, 'dev-0', manifest, signed) };
    const ms = await medianMs(() => verifyBundle(full, entries, signed, () => false), 3);
    return { 'crypto.verify11k.ms': { value: ms, unit: 'ms' } };
  },
} satisfies BenchCase;
