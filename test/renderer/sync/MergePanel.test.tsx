import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../renderer/db/session';
import { listConflicts } from '../../../renderer/features/sync/applyBundle';
import { lastBackup, restoreBackup, saveBackupAs } from '../../../renderer/features/sync/backupService';
import { MergePanel, stampText } from '../../../renderer/features/sync/MergePanel';
import { getPlatform, setPlatform } from '../../../renderer/platform';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { demoRound } from '../../../shared/documents/demoRound';
import type { ResponseRow } from '../../../shared/domain/inspections';
import { walkRules } from '../../../shared/scheme/model';
import type { RuleResponse } from '../../../shared/scoring/responses';
import { formatHlc } from '../../../shared/sync/hlc';
import { memorySource } from '../../../shared/backup/byteStreams';
import { bundleOf, closeAll, exchange, laptop, type Laptop } from './laptops';

/** The machine may be busy: wait for what the user sees, however long it takes within the test's time. */
const WAIT = { timeout: 30_000 };
let saved: Uint8Array | null = null;
beforeEach(() => {
  setPlatform({
    kind: 'browser',
    saveFile: async (_name, bytes) => ((saved = bytes), true),
    saveStream: async () => {
      const parts: Uint8Array[] = [];
      return {
        write: async (chunk: Uint8Array) => void parts.push(chunk.slice()),
        close: async () => {
          const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let at = 0;
          for (const p of parts) {
            out.set(p, at);
            at += p.length;
          }
          saved = out;
          return { name: 'backup.zwgkbak', bytes: out.length };
        },
        abort: async () => undefined,
      };
    },
    openStream: async () => null,
    printPdf: async () => undefined,
    pickFiles: async () => [],
    appVersion: async () => 'test',
    dataLocation: async () => '',
  });
});
afterEach(async () => {
  cleanup();
  setPlatform(undefined);
  useSessionStore.setState({ session: null });
  await closeAll();
});

const DEMO = demoRound({ targets: 2, findingsPerTarget: 1, photos: 3 });

/** The demonstration round written through the change logger, as the screens would. */
async function seed(s: Session): Promise<void> {
  const { db, logger } = s;
  await logger.save(db.targets, DEMO.assessments.map((a) => ({ ...a.target!, deleted: 0 as const })));
  await logger.save(db.inspections, [DEMO.inspection]);
  await logger.save(db.assessments, DEMO.assessments.map((a) => ({ ...a.assessment, status: 'open' as const, submittedAt: null, submittedBy: null })));
  await logger.save(
    db.responses,
    DEMO.assessments.flatMap((a) => Object.entries(a.responses).map(([ruleId, response]) => ({ id: `${a.assessment.id}:${ruleId}`, assessmentId: a.assessment.id, inspectionId: DEMO.inspection.id, ruleId, response, updatedAt: '' }))),
  );
  await logger.save(db.findings, DEMO.findings);
  await logger.save(db.phoneCalls, DEMO.phoneCalls);
  await logger.save(db.checklistAnswers, DEMO.checklistAnswers);
  await logger.save(db.photos, DEMO.photos.map((p) => p.photo));
  await logger.save(db.photoLinks, DEMO.photos.flatMap((p) => p.links));
  for (const p of DEMO.photos)
    for (const kind of ['processed', 'thumb'])
      await db.photoBlobs.put({ id: `${p.photo.id}:${kind}`, photoId: p.photo.id, blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, kind.length, 0xff, 0xd9])], { type: 'image/jpeg' }) });
}

const asmt = DEMO.assessments[0].assessment;
const rules = [...walkRules(DEMO.inspection.scheme)];
const occurrence = rules.find((w) => w.rule.kind === 'occurrence' && 'unit' in w.rule && w.rule.unit === '家')!;
const range = rules.find((w) => w.rule.kind === 'range' && w.rule.direction === 'deduct')!;
const item = DEMO.checklistAnswers.find((c) => c.assessmentId === asmt.id && c.status === 'na')!;
const seeded = DEMO.assessments[0].responses[occurrence.rule.id] as { count: number } | undefined;
// Two counts that differ from the seeded one, so both laptops really change it.
const [mineCount, theirCount] = seeded?.count === 1 ? [2, 3] : seeded?.count === 3 ? [1, 4] : [1, 3];

async function respond(l: Laptop, ruleId: string, response: RuleResponse): Promise<void> {
  const row: ResponseRow = { id: `${asmt.id}:${ruleId}`, assessmentId: asmt.id, inspectionId: asmt.inspectionId, ruleId, response, updatedAt: '' };
  await l.session.logger.save(l.session.db.responses, [row]);
}

/** The confirmation just opened (a closing one may still be in the page). */
async function lastDialog(): Promise<HTMLElement> {
  const all = await screen.findAllByRole('dialog', {}, WAIT);
  return all[all.length - 1];
}

/** One laptop's value in the list, with its author, time and button. */
const optionOf = (text: string) => within(screen.getAllByRole('table')[0]).getByText(text).closest<HTMLElement>('.ant-space')!;

function mount(s: Session) {
  useSessionStore.setState({ session: s });
  render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <MergePanel />
      </AntApp>
    </ConfigProvider>,
  );
  return userEvent.setup();
}

describe('merge conflicts a person can settle', () => {
  it('merges a whole round written by the app, counting photos, not their images', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    await seed(a.session);
    const r = await exchange(b, a);
    expect(r.photosAdded).toBe(3);
    expect(await b.session.db.responses.count()).toBe(await a.session.db.responses.count());
    expect(await b.session.db.checklistAnswers.count()).toBe(DEMO.checklistAnswers.length);
  });

  it('shows the unit, round, indicator, rule and the values as the screens do; 采用此值 asks first', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华', 50 * 365 * 86_400_000); // its clock is set 50 years ahead: its changes show their year
    await seed(a.session);
    await exchange(b, a);
    await respond(a, occurrence.rule.id, { count: mineCount });
    await respond(b, occurrence.rule.id, { count: theirCount });
    await respond(a, range.rule.id, { value: '0.5', reason: '专栏更新不及时' });
    await respond(b, range.rule.id, { value: '0', reason: '' });
    await a.session.logger.save(a.session.db.checklistAnswers, [{ ...item, status: 'met' }]);
    await b.session.logger.save(b.session.db.checklistAnswers, [{ ...item, status: 'notMet' }]);
    await exchange(a, b);
    const user = mount(a.session);

    const row = (await screen.findByText(`${theirCount}家`, {}, WAIT)).closest('tr')!;
    const r = within(row);
    expect(r.getByText(`单位：${asmt.targetName}`)).toBeInTheDocument();
    expect(r.getByText(`检查任务：${DEMO.inspection.title}`)).toBeInTheDocument();
    expect(r.getByText(`指标：${occurrence.indicator.title}`)).toBeInTheDocument();
    expect(r.getByText(`${mineCount}家`)).toBeInTheDocument();
    expect(r.getAllByText(/^\d{4}年\d+月\d+日 \d\d:\d\d$|^\d+月\d+日 \d\d:\d\d$/)).toHaveLength(2);
    expect(r.getByText(/^207\d年/)).toBeInTheDocument();
    expect(screen.getByText('视情况减0.5分（理由：专栏更新不及时）')).toBeInTheDocument();
    expect(screen.getByText('已达标')).toBeInTheDocument();
    expect(screen.getByText('未达标')).toBeInTheDocument();
    expect(screen.queryByText(/\{"count"/)).toBeNull();

    // 采用此值 asks before it changes anything.
    await user.click(within(optionOf(`${theirCount}家`)).getByRole('button', { name: '采用此值' }));
    const dialog = await lastDialog();
    expect(dialog).toHaveTextContent('采用此值？');
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(await listConflicts(a.session.db)).toHaveLength(3);
    await user.click(within(optionOf(`${theirCount}家`)).getByRole('button', { name: '采用此值' }));
    await user.click(within(await lastDialog()).getByRole('button', { name: '采用' }));
    await waitFor(() => expect(within(screen.getAllByRole('table')[0]).queryByText(`${theirCount}家`)).toBeNull(), WAIT);
    expect((await a.session.db.responses.get(`${asmt.id}:${occurrence.rule.id}`))!.response).toEqual({ count: theirCount });

    // The row vanishes while the dialog is open: a Chinese message, nothing written.
    await user.click(within(optionOf('已达标')).getByRole('button', { name: '采用此值' }));
    const confirm = await lastDialog();
    await a.session.db.checklistAnswers.delete(item.id);
    const changes = await a.session.db.changes.count();
    await user.click(within(confirm).getByRole('button', { name: '采用' }));
    expect(await screen.findByText(/这条记录在本机已不存在/, {}, WAIT)).toBeInTheDocument();
    expect(await a.session.db.changes.count()).toBe(changes);
  });

  it('lists a bundle from a laptop whose clock is years ahead as 待确认, naming the laptop and its skew', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await b.repo.create({ name: '盘锦市民政局', kind: '政府部门', region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' });
    const hlc = formatHlc({ ms: Date.UTC(2076, 0, 1), counter: 0, deviceId: b.session.device.deviceId });
    await b.session.db.changes.add({ id: `${hlc}#000`, hlc, table: 'targets', rowId: t.id, field: 'note', value: '未来', author: '李华', deviceId: b.session.device.deviceId });
    expect((await exchange(a, b, false)).held).toBeDefined();
    const user = mount(a.session);
    expect(await screen.findByText(/来自李华（设备 .{8}）的数据包「李华\.zwgksync」尚未合并/, {}, WAIT)).toBeInTheDocument();
    expect(screen.getByText(/比本机时钟快约 50 年（最晚一条记为 2076年1月1日/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '拒绝' }));
    await user.click(within(await lastDialog()).getByRole('button', { name: '拒绝' }));
    expect(await screen.findByText(/已拒绝（王明，/, {}, WAIT)).toBeInTheDocument();
    expect(await a.session.db.targets.count()).toBe(0);
  });

  it('keeps the count of 修改记录 in 详细信息: the preview and the result speak of data and photos', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    await seed(a.session);
    const bytes = await bundleOf(a);
    setPlatform({
      kind: 'browser',
      saveFile: async () => true,
      saveStream: async () => null,
      openStream: async () => memorySource(bytes, '王明.zwgksync'),
      printPdf: async () => undefined,
      pickFiles: async () => [],
      appVersion: async () => 'test',
      dataLocation: async () => '',
    });
    const user = mount(b.session);
    await user.click(await screen.findByRole('button', { name: /导入同步数据包/ }, WAIT));
    const dialog = await lastDialog();
    const summary = await within(dialog).findByTestId('bundle-preview-summary', {}, WAIT);
    expect(summary.textContent).toBe('含有本机尚未有的内容；照片 3 张。');
    // Outside the fold nothing counts change-log entries.
    const details = within(dialog).getByTestId('bundle-preview-details');
    expect(details.tagName).toBe('DETAILS');
    expect(details.hasAttribute('open')).toBe(false);
    expect(details.textContent).toMatch(/^详细信息数据包中共有 \d+ 条修改记录/);
    const outside = [...dialog.querySelectorAll('p')].map((el) => el.textContent ?? '').join('');
    expect(outside).not.toContain('修改记录');
    await user.click(within(dialog).getByRole('button', { name: '合并' }));
    const done = await screen.findByText(/^合并完成：/, {}, WAIT);
    expect(done.textContent).toMatch(/^合并完成：更新 \d+ 条数据，照片 3 张$/);
  });

  it('shows the year of a change only when it is not this year', () => {
    const now = dayjs('2026-12-01T10:00:00');
    expect(stampText(formatHlc({ ms: dayjs('2026-06-01T09:05:00').valueOf(), counter: 0, deviceId: 'd' }), now)).toBe('6月1日 09:05');
    expect(stampText(formatHlc({ ms: dayjs('2076-01-01T08:00:00').valueOf(), counter: 0, deviceId: 'd' }), now)).toBe('2076年1月1日 08:00');
  });
});

describe('after a restore', () => {
  it('上次备份 still names the last backup made on this laptop', async () => {
    const a = await laptop('王明');
    await a.repo.create({ name: '盘锦市民政局', kind: '政府部门', region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' });
    expect(await saveBackupAs(a.session)).not.toBeNull();
    const before = await lastBackup(a.session.db);
    expect(before).not.toBeNull();
    await restoreBackup(a.session, saved!);
    expect(await lastBackup(a.session.db)).toEqual(before);
  });
});

describe('a merge that cannot be written', () => {
  it('says in Chinese that the disk is full and what to do, and the laptop keeps what it had', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    await seed(a.session);
    const bytes = await bundleOf(a);
    setPlatform({ ...getPlatform(), openStream: async () => memorySource(bytes, '王明.zwgksync') });
    const before = { targets: await b.session.db.targets.count(), changes: await b.session.db.changes.count() };
    // The disk fills up while the merge writes its records.
    b.session.db.changes.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const user = mount(b.session);
    await user.click(await screen.findByRole('button', { name: /导入同步数据包/ }, WAIT));
    const confirm = (await screen.findByTestId('bundle-preview-summary', {}, WAIT)).closest<HTMLElement>('.ant-modal')!;
    await user.click(within(confirm).getByRole('button', { name: '合并' }));
    const shown = await screen.findByText(/磁盘空间不足，同步数据包未合并，本机数据未改变/, {}, WAIT);
    expect(shown.textContent).toContain('请清理磁盘后重试');
    expect(shown.textContent).not.toMatch(/quota|exceeded|Error/i);
    expect(await b.session.db.targets.count()).toBe(before.targets);
    expect(await b.session.db.changes.count()).toBe(before.changes);
  });
});
