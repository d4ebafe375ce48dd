import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_NUMBER_LABEL } from '../../../shared/documents/notice';
import type { NoticeBlockRow } from '../../../renderer/db/database';
import type { Session } from '../../../renderer/db/session';
import { setPlatform, type Platform } from '../../../renderer/platform';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { NOTICE_SETTINGS_KEY } from '../../../renderer/features/reports/gatherRoundData';
import type { DocumentRequest } from '../../../renderer/features/reports/documentEngine';
import { ReportsPanel } from '../../../renderer/features/reports/ReportsPanel';
import { newSession, seedRound } from './seed';

// Whole panel flows (numbering, PDF generation through the worker stub): allow for a loaded machine.

const generate = vi.hoisted(() => vi.fn());
vi.mock('../../../renderer/features/reports/documentClient', () => ({ generateDocument: generate }));

const ISSUER = '盘锦市人民政府办公室';
const saveFile = vi.fn<Platform['saveFile']>(async () => true);
let session: Session | null = null;

beforeEach(() => {
  generate.mockReset();
  generate.mockImplementation(async () => ({ bytes: new Uint8Array([37, 80, 68, 70]), fileName: 'n.pdf', mime: 'application/pdf' }));
  saveFile.mockClear();
  setPlatform({ kind: 'browser', saveFile, printPdf: async () => undefined, pickFiles: async () => [], appVersion: async () => 'test', dataLocation: async () => '', saveStream: async () => null, openStream: async () => null });
});

afterEach(async () => {
  cleanup();
  setPlatform(undefined);
  useSessionStore.setState({ session: null });
  if (session) {
    session.db.close();
    await Dexie.delete(session.db.name);
  }
  session = null;
});

/** A number block row as it arrives from the lead's laptop with a sync. */
function block(over: Partial<NoticeBlockRow>): NoticeBlockRow {
  const at = '2024-06-01T01:00:00.000Z';
  return { id: 'b', issuer: ISSUER, year: 2024 /* the demo round's assessment year */, deviceId: 'lead-laptop', deviceLabel: '王明的电脑', holder: true, from: 0, to: 0, assignedBy: '王明', assignedAt: at, updatedAt: at, deletedAt: null, deleted: 0, ...over };
}

describe('整改通知书草稿 on a laptop without a number source', () => {
  it('saves a draft without a number, lists it, refuses 编号下发 with the reason, and numbers it once a block is assigned', async () => {
    session = await newSession();
    const data = await seedRound(session.db);
    await session.db.meta.put({ key: NOTICE_SETTINGS_KEY, value: { issuer: ISSUER, numberPrefix: '盘政办公开改' } });
    // The series is held by the team lead's laptop: this one has no block yet.
    await session.db.noticeBlocks.put(block({ id: 'holder' }));
    useSessionStore.setState({ session });
    render(
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
        <AntApp>
          <ReportsPanel inspectionId={data.inspection.id} />
        </AntApp>
      </ConfigProvider>,
    );
    const user = userEvent.setup();
    const year = data.inspection.year;
    const unit = data.assessments[0].assessment;
    const unitFindings = data.findings.filter((f) => f.assessmentId === unit.id).map((f) => f.id);
    const reason = `本机没有${year}年度的文号：请由持有文号的电脑（王明的电脑）下发，或请组长为本机分配文号段`;

    // Instead of an issue button that can only fail: 存为草稿.
    await waitFor(() => expect(screen.getAllByRole('button').map((b) => b.textContent).join('/')).toContain('存为草稿'), { timeout: 30_000 });
    const saveButtons = screen.getAllByRole('button', { name: '存为草稿' });
    expect(screen.queryByRole('button', { name: '下发整改通知书' })).toBeNull();
    await user.click(saveButtons[0]);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(DRAFT_NUMBER_LABEL)).toBeInTheDocument();
    expect(within(dialog).getByText(new RegExp(`本机暂不能编号：${reason}`))).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '存为草稿' }));

    expect(await screen.findByText('整改通知书草稿（1份，未编号）', {}, { timeout: 30_000 })).toBeInTheDocument();
    const drafts = await session.db.noticeDrafts.toArray();
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ assessmentId: unit.id, findingIds: unitFindings, noticeId: null, createdBy: '王明' });
    expect(await session.db.notices.count()).toBe(0);
    expect(screen.getByText(`暂不能编号下发：${reason}`)).toBeInTheDocument();
    // Its findings are held by the draft: the unit has none left to issue.
    const unitRow = screen.getAllByText(unit.targetName)[0].closest('tr')!;
    expect(within(unitRow).getByText('无')).toBeInTheDocument();

    // The preview is a draft: no number, marked 草稿.
    await user.click(screen.getByRole('button', { name: /预览PDF（草稿）/ }));
    await waitFor(() => expect(generate).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    const preview = generate.mock.calls[0][0] as DocumentRequest;
    expect(preview.kind).toBe('noticeDraft');
    if (preview.kind !== 'noticeDraft') return;
    expect(preview.notice.number).toBe(DRAFT_NUMBER_LABEL);
    expect(preview.notice.findingIds).toEqual(unitFindings);
    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));

    // 编号下发 without a number source: refused with the reason, nothing issued.
    // Shown again once the preview's document job has ended (a busy machine takes a moment).
    await user.click(await screen.findByRole('button', { name: '编号下发' }, { timeout: 30_000 }));
    expect(await screen.findByText(reason, {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(await session.db.notices.count()).toBe(0);
    expect(await session.db.noticeDrafts.count()).toBe(1);
    expect(generate).toHaveBeenCalledTimes(1);

    // The lead assigns 21–40 to this laptop (arrives with the next sync).
    await session.db.noticeBlocks.put(block({ id: 'mine', deviceId: session.device.deviceId, deviceLabel: '李华的笔记本', holder: false, from: 21, to: 40 }));
    await waitFor(() => expect(screen.queryByText(`暂不能编号下发：${reason}`)).toBeNull(), { timeout: 30_000 });
    // Shown again once the preview's document job has ended (a busy machine takes a moment).
    await user.click(await screen.findByRole('button', { name: '编号下发' }, { timeout: 30_000 }));
    await waitFor(() => expect(generate).toHaveBeenCalledTimes(2), { timeout: 30_000 });
    const notices = await session.db.notices.toArray();
    expect(notices.map((n) => n.number)).toEqual([`盘政办公开改〔${year}〕21号`]);
    expect(notices[0].findingIds).toEqual(unitFindings);
    const req = generate.mock.calls[1][0] as DocumentRequest;
    expect(req.kind === 'notices' && req.noticeIds).toEqual([notices[0].id]);
    expect(await screen.findByText('已下发的通知书（1份）')).toBeInTheDocument();
    expect(screen.queryByText(/整改通知书草稿（/)).toBeNull();
    expect((await session.db.noticeDrafts.get(drafts[0].id))?.noticeId).toBe(notices[0].id);
  });
});
