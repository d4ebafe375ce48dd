import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import type { Assessment } from '../../../shared/domain/inspections';
import { entryFields, isRowEntry } from '../../../shared/domain/changeLog';
import { noticeContent, noticeQrText, type NoticeRecord } from '../../../shared/documents/notice';
import { gatherRoundData } from '../../../renderer/features/reports/gatherRoundData';
import { checkNoticeText } from '../../../renderer/features/trust/noticeSigning';
import { DEFAULT_NOTICE_SETTINGS } from '../../../shared/documents/types';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';
import { FindingRepository } from '../../../renderer/features/findings/findingRepository';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { NoticeRepository } from '../../../renderer/features/reports/noticeRepository';
import { resolveConflict, listConflicts } from '../../../renderer/features/sync/applyBundle';
import { exportSyncBundle, importSyncBundle, openSyncBundle } from '../../../renderer/features/sync/syncService';
import { revokeDevice } from '../../../renderer/features/trust/enrolment';
import { currentMember, officeDataKey } from '../../../renderer/features/trust/officeKeys';
import { loadWriterRole } from '../../../renderer/db/writerRole';
import { bundleOf, closeAll, exchange, fullExchange, laptop, unit, unitsOf, type Laptop } from '../sync/laptops';
import { adminLaptop, enrolledLaptop, OFFICE, PASSPHRASE } from './office';

afterEach(closeAll);

/** The same bundle with its manifest rewritten (every other file as it was). */
async function rezip(bytes: Uint8Array, edit: (m: Record<string, unknown>) => Record<string, unknown>): Promise<Uint8Array> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  const out = new Uint8ArrayWriter();
  const writer = new ZipWriter(out);
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    let data = await entry.getData!(new Uint8ArrayWriter());
    if (entry.filename === 'manifest.json') data = new TextEncoder().encode(JSON.stringify(edit(JSON.parse(new TextDecoder().decode(data)))));
    await writer.add(entry.filename, new Uint8ArrayReader(data));
  }
  await reader.close();
  await writer.close();
  return out.getData();
}

/** Everything a merge could write: rows of every table, the change log, conflicts, imported bundles, the roster. */
async function snapshot(l: Laptop): Promise<string> {
  const db = l.session.db;
  const out: Record<string, unknown> = {};
  for (const t of db.tables) if (t.name !== 'meta') out[t.name] = t.name === 'trust' ? (await t.toArray()).map((r) => (r.id === 'roster' ? r : r.id)) : await t.toArray();
  return JSON.stringify(out);
}

async function refused(to: Laptop, bytes: Uint8Array, message: string | RegExp): Promise<void> {
  const before = await snapshot(to);
  await expect(importSyncBundle(to.session, 'x.zwgksync', bytes)).rejects.toThrow(message);
  expect(await snapshot(to)).toBe(before);
}

async function office() {
  const admin = await adminLaptop();
  const lead = await enrolledLaptop(admin, '李华', 'lead');
  const inspector = await enrolledLaptop(admin, '张强', 'inspector');
  return { admin, lead, inspector };
}

describe('enrolled laptops', () => {
  it('know their member and hold the office data key; a lone laptop has neither', async () => {
    const { admin, inspector } = await office();
    expect(await currentMember(inspector.session.db)).toMatchObject({ name: '张强', role: 'inspector', team: '第一检查组' });
    expect(await currentMember(admin.session.db)).toMatchObject({ name: '王主任', role: 'admin' });
    expect(inspector.session.profile?.name).toBe('张强');
    const a = await officeDataKey(admin.session.db);
    const i = await officeDataKey(inspector.session.db);
    expect(i).toMatchObject({ officeName: OFFICE });
    // Both hold the same key: what one encrypts the other decrypts.
    const iv = new Uint8Array(12);
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, a!.key, new TextEncoder().encode('检查记录'));
    expect(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, i!.key, ct))).toBe('检查记录');
    const lone = await laptop('孤机');
    expect(await currentMember(lone.session.db)).toBeNull();
    expect(await officeDataKey(lone.session.db)).toBeNull();
  });

  it('a bundle opens with its verified sender; entries keep their author’s signature when relayed', async () => {
    const { admin, lead, inspector } = await office();
    const t = await inspector.repo.create(unit('盘锦市教育局'));
    await exchange(lead, inspector);
    const relayed = await exportSyncBundle(lead.session, 'test');
    const opened = await openSyncBundle(admin.session, relayed.bytes);
    expect(opened.preview.sender).toMatchObject({ memberName: '李华', team: '第一检查组', deviceName: '李华的笔记本', label: '李华 · 第一检查组 · 李华的笔记本' });
    await opened.close();
    await importSyncBundle(admin.session, 'lead.zwgksync', relayed.bytes);
    expect((await admin.session.db.targets.get(t.id))?.name).toBe('盘锦市教育局');
    const e = (await admin.session.db.changes.toArray()).find((c) => c.rowId === t.id) as { sig?: string; deviceId: string };
    expect(e.deviceId).toBe(inspector.session.device.deviceId);
    expect(e.sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it('a lone laptop’s bundle is refused by an office laptop; a lone laptop still opens office bundles', async () => {
    const { admin } = await office();
    const lone = await laptop('孤机');
    await lone.repo.create(unit('盘锦市民政局'));
    await refused(admin, await bundleOf(lone), '数据包没有签名，发送的电脑未加入「盘锦市政务公开办公室」');
    await admin.repo.create(unit('盘锦市财政局'));
    const r = await importSyncBundle(lone.session, 'admin.zwgksync', await bundleOf(admin));
    expect(r.newChanges).toBeGreaterThan(0);
  });
});

describe('refused bundles change nothing', () => {
  it('a revoked laptop: refused once the revocation arrives, which travels in the 管理员’s bundle', async () => {
    const { admin, lead, inspector } = await office();
    await admin.repo.create(unit('盘锦市教育局'));
    await fullExchange([admin, lead, inspector]);
    await revokeDevice(admin.session, inspector.session.device.deviceId, PASSPHRASE);
    await inspector.repo.create(unit('伪造的单位'));
    const stolen = await bundleOf(inspector);
    await refused(admin, stolen, '发送的电脑「张强的笔记本」（张强）已被吊销');
    // The lead still trusts the old roster until the admin's bundle brings the revocation.
    await exchange(lead, admin);
    await refused(lead, stolen, '已被吊销');
    expect(await currentMember(lead.session.db)).toMatchObject({ name: '李华', role: 'lead' });
  });

  it('a forged author is refused', async () => {
    const { admin, inspector } = await office();
    const t = await inspector.repo.create(unit('盘锦市教育局'));
    // The inspector's laptop writes a change in the admin's name: signed by the inspector's key, so refused.
    const hlc = inspector.session.logger.nextHlc();
    await inspector.session.db.changes.add({ id: `${hlc}#000`, hlc, table: 'targets', rowId: t.id, field: 'note', value: '已整改', author: '王主任', deviceId: inspector.session.device.deviceId });
    await refused(admin, await bundleOf(inspector), '的作者「王主任」不是签名电脑「张强的笔记本」的使用人「张强」');
  });

  it('an entry changed after it was signed, or a manifest edited in the file, is refused', async () => {
    const { admin, inspector } = await office();
    await inspector.repo.create(unit('盘锦市教育局'));
    const honest = await bundleOf(inspector);
    // The manifest re-written with another sender name (hashes still match): the signature does not.
    await refused(admin, await rezip(honest, (m) => ({ ...m, author: '王主任' })), '数据包的签名无效');
    // The unit's name, changed in the stored entry that carries it (a new row's fields come in one row entry).
    const e = (await inspector.session.db.changes.toArray()).find((c) => c.table === 'targets' && entryFields(c).some((f) => f.field === 'name'))!;
    await inspector.session.db.changes.put({ ...e, value: isRowEntry(e) ? { ...(e.value as object), name: '伪造的名称' } : '伪造的名称' });
    await refused(admin, await bundleOf(inspector), '的签名无效（记录被改动或伪造）');
  });

  it('an unlock by an inspector and a notice number by a non-lead are refused; the lead’s unlock is merged', async () => {
    const { admin, lead, inspector } = await office();
    const inspections = new InspectionRepository(lead.session.db, lead.session.logger);
    const targets = lead.repo;
    const dawa = await targets.create(unit('大洼区人民政府', { kind: '县区政府', disclosurePhones: ['0427-1111111'] }));
    const round = await inspections.create({ title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: ['李华'], scheme: PANJIN_2024_COUNTY });
    const [a] = await inspections.addTargets(round.id, [dawa], 'manual');
    const findings = new FindingRepository(lead.session.db, lead.session.logger);
    const f = await findings.create({ assessmentId: a.id, indicatorId: 'pj24c.documents', ruleId: null, checklistItemId: null, severity: '一般', requirement: '限期整改', deadline: '2024-07-20', description: '政策解读栏目未更新' });
    const notices = new NoticeRepository(lead.session.db, lead.session.logger);
    await notices.saveSettings({ ...DEFAULT_NOTICE_SETTINGS, issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改' });
    const notice = await notices.issue(round.id, a.id, [f.id], new Date(2024, 6, 8, 9, 11));
    await inspections.submit(a.id);
    await fullExchange([admin, lead, inspector]);

    // The notice's QR code carries the lead laptop's signature; the admin's 验证 names the issuer.
    const stored = (await lead.session.db.notices.get(notice.id)) as NoticeRecord;
    expect(stored.issuerSignature?.deviceId).toBe(lead.session.device.deviceId);
    const qr = noticeQrText(noticeContent(await gatherRoundData(admin.session.db, round.id), stored), stored.issuerSignature);
    expect(await checkNoticeText(admin.session.db, qr)).toMatchObject({ valid: true, issuer: '李华 · 第一检查组 · 李华的笔记本' });
    expect(await checkNoticeText(admin.session.db, qr.replace(/〔2024〕\d+号/, '〔2024〕98号'))).toMatchObject({ valid: false });

    // In the app the inspector cannot unlock or number notices.
    const mine = new InspectionRepository(inspector.session.db, inspector.session.logger);
    await expect(mine.unlock(a.id, '补录材料')).rejects.toThrow('解锁已提交的评分须由组长操作');
    await expect(new NoticeRepository(inspector.session.db, inspector.session.logger).issue(round.id, a.id, [f.id])).rejects.toThrow('签发整改通知书须由组长操作');

    // A laptop that writes past the app (an old version, a tampered one): the merge refuses.
    await inspector.session.logger.patch<Assessment>(inspector.session.db.assessments, a.id, { status: 'open', submittedAt: null, submittedBy: null, unlockReason: '自行解锁' });
    await refused(admin, await bundleOf(inspector), '由检查员「张强」解锁已提交的评分，须由组长操作');
    expect((await admin.session.db.assessments.get(a.id))!.status).toBe('submitted');

    const other = await enrolledLaptop(admin, '赵六', 'inspector');
    await exchange(other, lead);
    await other.session.logger.patch<NoticeRecord>(other.session.db.notices as never, notice.id, { number: '盘政办公开改〔2024〕99号' } as never);
    await refused(admin, await bundleOf(other), '由检查员「赵六」编制整改通知书文号，须由组长操作');

    await inspections.unlock(a.id, '补录材料');
    await exchange(admin, lead);
    expect((await admin.session.db.assessments.get(a.id))!.status).toBe('open');
  });

  it('a conflict settled by an inspector is refused; settled by the lead it is merged', async () => {
    const { admin, lead, inspector } = await office();
    const t = await admin.repo.create(unit('盘锦市教育局'));
    await fullExchange([admin, lead, inspector]);
    await admin.repo.update(t.id, unit('盘锦市教育局', { note: '甲' }));
    await lead.repo.update(t.id, unit('盘锦市教育局', { note: '乙' }));
    await exchange(inspector, admin);
    await exchange(inspector, lead);
    const [c] = await listConflicts(inspector.session.db);
    expect(c.field).toBe('note');
    await expect(resolveConflict(inspector.session, c, '甲')).rejects.toThrow('处理合并冲突须由组长操作');
    // A modified app that lets the inspector's edit replace both values: the edit settles the conflict, and is refused.
    await loadWriterRole(inspector.session.db, null);
    await inspector.repo.update(t.id, unit('盘锦市教育局', { note: '丙' }));
    await exchange(admin, lead);
    await refused(admin, await bundleOf(inspector), '由检查员「张强」处理合并冲突，须由组长操作');
    await exchange(lead, admin);
    const [c2] = await listConflicts(lead.session.db);
    await resolveConflict(lead.session, c2, '乙');
    await exchange(admin, lead);
    expect((await admin.session.db.targets.get(t.id))!.note).toBe('乙');
  });

  it('an inspector who edits a field in conflict is merged by every colleague, and the conflict stays for the 组长', async () => {
    const { admin, lead, inspector } = await office();
    const t = await admin.repo.create(unit('盘锦市教育局'));
    await fullExchange([admin, lead, inspector]);
    await admin.repo.update(t.id, unit('盘锦市教育局', { note: '甲' }));
    await lead.repo.update(t.id, unit('盘锦市教育局', { note: '乙' }));
    await exchange(inspector, admin);
    await exchange(inspector, lead);
    const shown = (await inspector.session.db.targets.get(t.id))!.note;
    const other = shown === '甲' ? '乙' : '甲';
    // Through the app, as the inspector types over the value on screen.
    await inspector.repo.update(t.id, unit('盘锦市教育局', { note: '丙' }));
    const values = async (l: Laptop) => (await listConflicts(l.session.db)).filter((k) => k.rowId === t.id && k.field === 'note').flatMap((k) => k.candidates.map((e) => e.value as string)).sort();
    expect(await values(inspector)).toEqual([other, '丙'].sort());
    for (const l of [admin, lead]) await importSyncBundle(l.session, 'x.zwgksync', await bundleOf(inspector));
    await exchange(admin, lead);
    await exchange(lead, admin);
    for (const l of [admin, lead]) expect(await values(l)).toEqual([other, '丙'].sort());
    const [c] = (await listConflicts(lead.session.db)).filter((k) => k.rowId === t.id);
    await resolveConflict(lead.session, c, '丙');
    await fullExchange([admin, lead, inspector]);
    for (const l of [admin, lead, inspector]) {
      expect((await l.session.db.targets.get(t.id))!.note).toBe('丙');
      expect(await values(l)).toEqual([]);
    }
  });
});

describe('honest traffic still converges (property, real write path)', () => {
  type Op = { k: 'create'; at: number } | { k: 'edit'; at: number; row: number; value: number } | { k: 'exchange'; at: number; from: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ k: fc.constant('create' as const), at: fc.nat(2) }),
    fc.record({ k: fc.constant('edit' as const), at: fc.nat(2), row: fc.nat(4), value: fc.nat(2) }),
    fc.record({ k: fc.constant('exchange' as const), at: fc.nat(2), from: fc.nat(2) }),
  );

  it('管理员, 组长 and an inspector editing (conflicting fields too) and exchanging signed bundles end with the same units', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 10 }), async (ops) => {
        const admin = await adminLaptop();
        const ls = [admin, await enrolledLaptop(admin, '李华', 'lead'), await enrolledLaptop(admin, '刘洋', 'inspector', '第二检查组')];
        const ids: string[] = [];
        for (const op of [{ k: 'create', at: 0 } as Op, ...ops]) {
          const l = ls[op.at];
          if (op.k === 'create') ids.push((await l.repo.create(unit(`单位${ids.length}`))).id);
          else if (op.k === 'exchange') {
            if (op.from !== op.at) await exchange(l, ls[op.from]);
          } else {
            const row = ids[op.row] ? await l.session.db.targets.get(ids[op.row]) : undefined;
            if (row) await l.repo.update(row.id, unit(row.name, { note: `备注${op.value}-${op.at}` }));
          }
        }
        await fullExchange(ls);
        const shown = await unitsOf(ls[0]);
        for (const l of ls.slice(1)) expect(await unitsOf(l)).toEqual(shown);
        await closeAll();
      }),
      { numRuns: 4 },
    );
  });
});
