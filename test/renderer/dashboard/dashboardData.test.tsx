// 工作台 reads its finding counts from index keys and only the rounds it lists:
// what it shows must be what reading every row would show.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import Dexie from 'dexie';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeYear, writeYear } from '../../../bench/shared/yearFixture';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import DashboardPage, { dashboardData } from '../../../renderer/features/dashboard/DashboardPage';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { isOverdue, isUnclosed, type Finding } from '../../../shared/domain/findings';

const names: string[] = [];
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  useSessionStore.setState({ session: null });
  for (const n of names.splice(0)) await Dexie.delete(n);
});

async function officeWithYear() {
  const name = `dash-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  const s = await saveProfile(await openSession(new InspectorDatabase(name)), { name: '王明', organisation: '盘锦市政务公开办', team: '一组' });
  const y = makeYear('office', { units: 30, findings: 400, phoneCalls: 60, complaints: 10, photos: 0 });
  await writeYear(s, y);
  // Some findings deleted, one round deleted with its findings still there, statuses moved on.
  for (const f of y.findings.slice(0, 40)) await s.logger.patch(s.db.findings, f.id, { deleted: 1, deletedAt: '2024-09-01T00:00:00.000Z' });
  for (const f of y.findings.slice(40, 60)) await s.logger.patch<Finding>(s.db.findings, f.id, { status: '整改不到位' });
  await s.logger.patch(s.db.inspections, y.inspections[2].id, { deleted: 1, deletedAt: '2024-11-01T00:00:00.000Z' });
  return s;
}

describe('工作台 with a year of data', () => {
  it('counts open and overdue findings, lists the overdue ones in deadline order and the rounds, as reading every row would', async () => {
    const s = await officeWithYear();
    const today = '2024-09-20';
    const got = await dashboardData(s.db, today);

    const findings = (await s.db.findings.toArray()).filter((f) => !f.deleted);
    const overdue = findings.filter((f) => isOverdue(f, today)).sort((a, b) => a.deadline.localeCompare(b.deadline));
    expect(got.open).toBe(findings.filter((f) => isUnclosed(f)).length);
    expect(got.overdueCount).toBe(overdue.length);
    expect(got.overdueCount).toBeGreaterThan(0);
    expect(got.overdue.map((f) => f.id)).toEqual(overdue.slice(0, 8).map((f) => f.id));
    const assessments = (await s.db.assessments.toArray()).filter((a) => !a.deleted);
    expect(got.overdue.map((f) => got.names.get(f.assessmentId))).toEqual(overdue.slice(0, 8).map((f) => assessments.find((a) => a.id === f.assessmentId)!.targetName));
    expect(got.rounds.map((r) => [r.inspection.title, r.units, r.submitted])).toEqual([
      ['2024年年终考核', 30, 0],
      ['2024年三季度考核', 30, 30],
      ['2024年年中考核', 30, 30],
    ]);
    expect(got.roundCount).toBe(3);
    expect(got.todo[0]).toBe('30 家单位的评分尚未提交');
  });

  it('shows those numbers on the screen', async () => {
    const s = await officeWithYear();
    useSessionStore.setState({ session: s });
    const expected = await dashboardData(s.db, new Date().toISOString().slice(0, 10));
    render(
      <ConfigProvider locale={zhCN}>
        <AntApp>
          <MemoryRouter initialEntries={['/']}>
            <DashboardPage />
          </MemoryRouter>
        </AntApp>
      </ConfigProvider>,
    );
    const card = (title: string) => screen.getByText(title).closest('.ant-card') as HTMLElement;
    await waitFor(() => expect(within(card('未销号的问题')).getByText(String(expected.open))).toBeInTheDocument());
    expect(within(card('逾期未整改')).getByText(String(expected.overdueCount))).toBeInTheDocument();
    expect(within(card('检查任务')).getByText('3')).toBeInTheDocument();
  });
});
