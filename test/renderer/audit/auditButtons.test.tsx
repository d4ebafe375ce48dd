import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import Dexie from 'dexie';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentWorkspace } from '../../../renderer/features/assessment/AssessmentWorkspace';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { NOTICE_SETTINGS_KEY } from '../../../renderer/features/reports/gatherRoundData';
import { ReportsPanel } from '../../../renderer/features/reports/ReportsPanel';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { setPlatform } from '../../../renderer/platform';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';
import { newSession, seedRound } from '../reports/seed';

const generate = vi.hoisted(() => vi.fn());
vi.mock('../../../renderer/features/reports/documentClient', () => ({ generateDocument: generate }));
vi.setConfig({ testTimeout: 180_000 });

let session: Session | null = null;

beforeEach(() => {
  setPlatform({ kind: 'browser', saveFile: async () => true, printPdf: async () => undefined, pickFiles: async () => [], appVersion: async () => 'test', dataLocation: async () => '', saveStream: async () => null, openStream: async () => null });
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

/** The rows of the open 修改记录 dialog, as text. */
async function auditRows(title: string): Promise<string[]> {
  // Found by its title text (a dialog just closed may still be on screen while it animates out).
  const dialog = await waitFor(
    () => {
      const found = screen.queryAllByRole('dialog', { hidden: true }).find((d) => d.textContent?.startsWith(`修改记录：${title}`));
      expect(found).toBeTruthy();
      return found!;
    },
    { timeout: 30_000 },
  );
  await waitFor(() => expect(dialog.querySelectorAll('tbody tr.ant-table-row').length).toBeGreaterThan(0), { timeout: 60_000 });
  return [...dialog.querySelectorAll('tbody tr.ant-table-row')].map((tr) => tr.textContent ?? '');
}

describe('修改记录 on the assessment screen and the notice list', () => {
  it('the assessment screen opens the assessment’s changes, its unlock with the lead’s name among them', async () => {
    let s = await openSession(new InspectorDatabase(`audit-btn-${Math.random().toString(36).slice(2)}`));
    session = s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
    useSessionStore.setState({ session: s, error: null });
    const target = await new TargetRepository(s.db, s.logger).create({ name: '盘山县人民政府', kind: '县区政府', region: '盘山县', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' });
    const repo = new InspectionRepository(s.db, s.logger);
    const inspection = await repo.create({ title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: ['王明'], scheme: PANJIN_2024_COUNTY });
    const [created] = await repo.addTargets(inspection.id, [target], 'manual');
    await repo.submit(created.id);
    const lead = await saveProfile(s, { name: '李华', organisation: '盘锦市政务公开办', team: '第一组' });
    await new InspectionRepository(lead.db, lead.logger).unlock(created.id, '补录材料');
    const assessment = (await s.db.assessments.get(created.id))!;
    render(
      <AntApp>
        <MemoryRouter>
          <AssessmentWorkspace inspection={inspection} assessment={assessment} target={{ ...target, deleted: 0 }} />
        </MemoryRouter>
      </AntApp>,
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: /修改记录/ }, { timeout: 30_000 }));
    const rows = await auditRows('盘山县人民政府的评分');
    expect(rows.some((r) => r.includes('补录材料') && r.includes('李华'))).toBe(true);
    expect(rows.some((r) => r.includes('王明'))).toBe(true);
    // Only this record: nothing of the unit or the round.
    expect(rows.some((r) => r.includes('2024年年中考核'))).toBe(false);
  });

  it('each issued notice in the list opens its own changes (number, who issued it)', async () => {
    session = await newSession();
    const data = await seedRound(session.db);
    await session.db.meta.put({ key: NOTICE_SETTINGS_KEY, value: { issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改' } });
    useSessionStore.setState({ session });
    generate.mockImplementation(async () => ({ bytes: new Uint8Array([37, 80, 68, 70]), fileName: 'n.pdf', mime: 'application/pdf' }));
    render(
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
        <AntApp>
          <ReportsPanel inspectionId={data.inspection.id} />
        </AntApp>
      </ConfigProvider>,
    );
    const user = userEvent.setup();
    await screen.findByText(data.assessments[0].assessment.targetName, {}, { timeout: 30_000 });
    await user.click(screen.getAllByRole('button', { name: '下发整改通知书' })[0]);
    const issue = await screen.findByRole('dialog');
    // Numbered in the round's assessment year, whatever the clock says.
    const number = `盘政办公开改〔${data.inspection.year}〕1号`;
    await within(issue).findByText(number, {}, { timeout: 30_000 });
    await user.click(within(issue).getByRole('button', { name: '下发并生成PDF' }));
    await waitFor(() => expect(generate).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    const row = (await screen.findByText(number, { selector: 'td' }, { timeout: 30_000 })).closest('tr')!;
    await user.click(within(row as HTMLElement).getByRole('button', { name: '修改记录' }));
    const rows = await auditRows(`整改通知书 ${number}`);
    expect(rows.some((r) => r.includes('文号') && r.includes(number))).toBe(true);
    expect(rows.every((r) => !r.includes('没有修改记录'))).toBe(true);
  });
});
