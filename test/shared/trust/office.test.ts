import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/trust/canonicalJson';
import { entryBody, leadOnlyAction, signEntry, signManifest, verifyBundle, type SignedEntry } from '../../../shared/trust/bundleTrust';
import { fingerprint, generateDeviceKeys, verifyValue } from '../../../shared/trust/keys';
import {
  firstRoster,
  makeEnrolmentFile,
  makeJoinRequest,
  newOfficeSecret,
  openOfficeSecret,
  readEnrolmentFile,
  readJoinRequest,
  sealOfficeSecret,
  signRoster,
  unwrapDataKey,
  verifyRoster,
  withDevice,
  withMember,
  withRevoked,
} from '../../../shared/trust/office';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import { noticeQrPayload, signNotice, verifyNoticeQr } from '../../../shared/trust/noticeSignature';

const AT = '2026-06-01T02:00:00.000Z';
const admin = { id: 'm-admin', name: '王主任', role: 'admin' as const, team: '' };
const inspector = { id: 'm-insp', name: '李华', role: 'inspector' as const, team: '第一检查组' };

async function office() {
  const secret = await newOfficeSecret('office-1', '盘锦市政务公开办公室');
  const adminKeys = await generateDeviceKeys();
  const laptopKeys = await generateDeviceKeys();
  let roster = withDevice(firstRoster(secret, admin, AT), await makeJoinRequest('dev-admin', '办公室电脑', adminKeys, AT), admin.id, AT);
  roster = withDevice(withMember(roster, inspector, AT), await makeJoinRequest('dev-li', '李华的笔记本', laptopKeys, AT), inspector.id, AT);
  return { secret, adminKeys, laptopKeys, signed: await signRoster(secret, roster) };
}

const flip = (s: string) => (s[5] === 'A' ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`);

describe('canonical JSON', () => {
  it('is the same whatever the key order, and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: '中' }] })).toBe(canonicalJson({ a: [1, { c: '中' }], b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});

describe('enrolment', () => {
  it('a join request is self-signed; an edited one is refused', async () => {
    const keys = await generateDeviceKeys();
    const req = await makeJoinRequest('dev-x', '张三的笔记本', keys, AT);
    await expect(readJoinRequest(JSON.parse(JSON.stringify(req)))).resolves.toMatchObject({ deviceName: '张三的笔记本' });
    await expect(readJoinRequest({ ...req, deviceName: '王五的笔记本' })).rejects.toThrow('入网申请的签名无效');
    expect(await fingerprint(keys.signPublic, keys.boxPublic)).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
  });

  it('the enrolment file gives the laptop the roster and an office data key that decrypts what the office encrypts', async () => {
    const { secret, laptopKeys, signed } = await office();
    const file = JSON.parse(JSON.stringify(await makeEnrolmentFile(secret, signed, 'dev-li')));
    const checked = await readEnrolmentFile(file, 'dev-li', laptopKeys);
    const key = await unwrapDataKey(checked.dataKey, laptopKeys.boxPrivate);
    expect(key.extractable).toBe(false);
    const iv = new Uint8Array(12);
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, secret.dataKey, new TextEncoder().encode('整改通知书'));
    expect(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ct))).toBe('整改通知书');
    // Another laptop cannot use it.
    const other = await generateDeviceKeys();
    await expect(readEnrolmentFile(file, 'dev-other', other)).rejects.toThrow('另一台电脑');
    await expect(unwrapDataKey(checked.dataKey, other.boxPrivate)).rejects.toThrow('不是为这台电脑制作的');
  });

  it('a roster with one byte changed, or from another office, is refused', async () => {
    const { signed } = await office();
    await expect(verifyRoster(JSON.parse(JSON.stringify(signed)))).resolves.toBeTruthy();
    const promoted = { ...signed, roster: { ...signed.roster, members: signed.roster.members.map((m) => ({ ...m, role: 'lead' })) } };
    await expect(verifyRoster(promoted)).rejects.toThrow('办公室签名无效');
    await expect(verifyRoster({ ...signed, sig: flip(signed.sig) })).rejects.toThrow('办公室签名无效');
    const other = await office();
    await expect(verifyRoster(other.signed, signed.roster)).rejects.toThrow('另一个办公室');
  });

  it('the office key opens only with its passphrase', async () => {
    const { secret } = await office();
    const sealed = await sealOfficeSecret(secret, '正确的口令2026');
    const opened = await openOfficeSecret(JSON.parse(JSON.stringify(sealed)), '正确的口令2026');
    expect(await verifyValue(secret.signPublic, { a: 1 }, await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, opened.signPrivate, new TextEncoder().encode('{"a":1}')).then((b) => Buffer.from(b).toString('base64url')))).toBe(true);
    await expect(openOfficeSecret(sealed, '错误的口令2026')).rejects.toThrow('口令不正确');
    await expect(openOfficeSecret({ ...sealed, ct: flip(sealed.ct) }, '正确的口令2026')).rejects.toThrow('口令不正确');
    await expect(sealOfficeSecret(secret, '短')).rejects.toThrow('至少 8 位');
  });
});

describe('signed bundles', () => {
  const entry = (over: Partial<ChangeLogEntry> = {}): ChangeLogEntry => ({
    id: '1780279200000-00000-dev-li#000',
    hlc: '1780279200000-00000-dev-li',
    table: 'findings',
    rowId: 'f1',
    field: 'status',
    value: 'open',
    author: '李华',
    deviceId: 'dev-li',
    ...over,
  });

  async function bundle() {
    const o = await office();
    const e: SignedEntry = { ...entry(), sig: await signEntry(o.laptopKeys.signPrivate, entry()) };
    const manifest = { deviceId: 'dev-li', author: '李华', tables: { changes: { rows: 1 } } };
    const signature = await signManifest(o.laptopKeys.signPrivate, 'dev-li', manifest, o.signed);
    return { ...o, e, manifest: JSON.parse(JSON.stringify({ ...manifest, signature })) };
  }
  const none = () => false;

  it('verifies and names the sender as enrolled', async () => {
    const { signed, e, manifest } = await bundle();
    const v = await verifyBundle(manifest, [e], signed, none);
    expect(v.signer.member.name).toBe('李华');
    expect(v.signer.device.name).toBe('李华的笔记本');
  });

  it('refuses a changed manifest, a changed entry, a forged author, a missing signature', async () => {
    const { signed, e, manifest } = await bundle();
    await expect(verifyBundle({ ...manifest, author: '王五' }, [e], signed, none)).rejects.toThrow('数据包的签名无效');
    await expect(verifyBundle({ ...manifest, signature: undefined }, [e], signed, none)).rejects.toThrow('数据包没有签名');
    await expect(verifyBundle(manifest, [{ ...e, value: 'rectified' }], signed, none)).rejects.toThrow('第 1 条修改记录的签名无效');
    await expect(verifyBundle(manifest, [{ ...e, sig: flip(e.sig!) }], signed, none)).rejects.toThrow('第 1 条修改记录的签名无效');
    await expect(verifyBundle(manifest, [{ ...e, author: '王主任' }], signed, none)).rejects.toThrow('作者「王主任」不是签名电脑「李华的笔记本」的使用人「李华」');
    await expect(verifyBundle(manifest, [{ ...e, deviceId: 'dev-admin' }], signed, none)).rejects.toThrow('第 1 条修改记录');
    await expect(verifyBundle(manifest, [{ ...entry() }], signed, none)).rejects.toThrow('没有「李华的笔记本」的签名');
    // An entry this laptop already holds identically is not checked again.
    await expect(verifyBundle(manifest, [{ ...entry() }], signed, () => true)).resolves.toBeTruthy();
  });

  it('a revoked laptop is refused, whether the receiver knew of the revocation or the bundle brings it', async () => {
    const { secret, signed, e, manifest, adminKeys } = await bundle();
    const revoked = await signRoster(secret, withRevoked(signed.roster, 'dev-li', AT));
    await expect(verifyBundle(manifest, [e], revoked, none)).rejects.toThrow('「李华的笔记本」（李华）已被吊销');
    // The admin's bundle carries the revocation: a relayed entry of the lost laptop is refused by a laptop that did not know yet.
    const adminManifest = { deviceId: 'dev-admin', author: '王主任' };
    const fromAdmin = { ...adminManifest, signature: await signManifest(adminKeys.signPrivate, 'dev-admin', adminManifest, revoked) };
    await expect(verifyBundle(fromAdmin, [e], signed, none)).rejects.toThrow('第 1 条修改记录来自已吊销的电脑「李华的笔记本」');
    const alone = await verifyBundle(fromAdmin, [], signed, none);
    expect(alone.rosterChanged).toBe(true);
    // Signed with another key than the admin laptop's: refused.
    const forged = { ...adminManifest, signature: await signManifest(secret.signPrivate, 'dev-admin', adminManifest, revoked) };
    await expect(verifyBundle(forged, [], signed, none)).rejects.toThrow('数据包的签名无效');
  });

  it('recognises the team lead’s work in entries', async () => {
    const prior = (values: unknown[]) => async () => values;
    expect(await leadOnlyAction(entry({ table: 'assessments', field: 'status', value: 'open', prev: ['x'] }), prior(['submitted']))).toBe('解锁已提交的评分');
    expect(await leadOnlyAction(entry({ table: 'assessments', field: 'status', value: 'submitted', prev: ['x'] }), prior(['open']))).toBeNull();
    expect(await leadOnlyAction(entry({ table: 'notices', field: 'number', value: '盘政公改〔2026〕3号' }), prior([]))).toBe('编制整改通知书文号');
    expect(await leadOnlyAction(entry({ prev: ['a', 'b'] }), prior(['open', 'rectified']))).toBe('处理合并冲突');
    expect(await leadOnlyAction(entry({ prev: ['a', 'b'] }), prior(['open', 'open']))).toBeNull();
    expect(entryBody({ ...entry(), sig: 'x' })).toEqual(entry());
  });
});

describe('signed notice QR codes', () => {
  const hash = 'a'.repeat(64);
  it('is 有效 with the issuer as enrolled; a changed number, hash or signature, or an unknown laptop, is 无效', async () => {
    const { laptopKeys, signed } = await office();
    const sig = await signNotice(laptopKeys.signPrivate, 'dev-li', '盘政办公开改〔2024〕3号', hash);
    const text = noticeQrPayload('盘政办公开改〔2024〕3号', hash, sig);
    expect(await verifyNoticeQr(text, signed.roster)).toEqual({ valid: true, number: '盘政办公开改〔2024〕3号', contentHash: hash, issuer: '李华 · 第一检查组 · 李华的笔记本' });
    expect(await verifyNoticeQr(text.replace('3号', '4号'), signed.roster)).toMatchObject({ valid: false, reason: expect.stringContaining('被改动或系伪造') });
    expect(await verifyNoticeQr(text.replace(hash, 'b'.repeat(64)), signed.roster)).toMatchObject({ valid: false });
    expect(await verifyNoticeQr(noticeQrPayload('盘政办公开改〔2024〕3号', hash, { ...sig, sig: flip(sig.sig) }), signed.roster)).toMatchObject({ valid: false });
    expect(await verifyNoticeQr(noticeQrPayload('盘政办公开改〔2024〕3号', hash, { ...sig, deviceId: 'dev-x' }), signed.roster)).toMatchObject({ valid: false, reason: expect.stringContaining('不在「盘锦市政务公开办公室」的人员名单中') });
    expect(await verifyNoticeQr(noticeQrPayload('盘政办公开改〔2024〕3号', hash), signed.roster)).toMatchObject({ valid: false, reason: expect.stringContaining('没有签发电脑的签名') });
    expect(await verifyNoticeQr('随便一段文字', signed.roster)).toMatchObject({ valid: false, reason: '这不是整改通知书的核验码' });
  });
});
