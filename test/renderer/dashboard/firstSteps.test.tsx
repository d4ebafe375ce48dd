import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import DashboardPage from '../../../renderer/features/dashboard/DashboardPage';
import { SchemeRepository } from '../../../renderer/features/schemes/schemeRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes/index';
import { closeSession, newSession } from '../schemes/helpers';
import type { Session } from '../../../renderer/db/session';
import { seedRound } from '../support/round';
import { useSessionStore } from '../../../renderer/store/sessionStore';

let ctx: { session: Session; dbName: string } | null = null;
afterEach(async () => {
  cleanup();
  if (ctx) await closeSession(ctx.session, ctx.dbName);
  ctx = null;
});

function renderDashboard() {
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <MemoryRouter initialEntries={['/']}>
          <DashboardPage />
        </MemoryRouter>
      </AntApp>
    </ConfigProvider>,
  );
}

const step = (key: string) => screen.getByTestId(`first-step-${key}`);

describe('工作台 on a new installation', () => {
  it('guides the first steps, each a link, and marks each as done when it is', async () => {
    const s = await newSession();
    ctx = s;
    renderDashboard();
    await screen.findByTestId('first-steps');
    // Today's date reads as an official writes it: 2026年12月2日, never 2026-12-02.
    const greeting = screen.getByText(/今天是/).textContent ?? '';
    expect(greeting).toMatch(/今天是 \d{4}年\d{1,2}月\d{1,2}日。/);
    const links = ['targets', 'scheme', 'inspection'].map((k) => within(step(k)).getByRole('link'));
    expect(links.map((l) => l.textContent?.replace(/\s+/g, ''))).toEqual(['第一步录入被检查单位', '第二步选择考核方案', '第三步新建检查任务']);
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/targets', '/schemes', '/inspections']);
    expect(['targets', 'scheme', 'inspection'].map((k) => step(k).dataset.done)).toEqual(['false', 'false', 'false']);
    expect(within(step('targets')).getByText('下一步')).toBeInTheDocument();

    await new TargetRepository(s.session.db, s.session.logger).create({
      name: '盘山县人民政府',
      kind: '县区政府',
      region: '盘山县',
      address: '',
      contactPerson: '',
      contactPhone: '',
      disclosurePhones: [],
      note: '',
    });
    await waitFor(() => expect(step('targets').dataset.done).toBe('true'));
    expect(within(step('targets')).getByText('已录入 1 家单位')).toBeInTheDocument();
    expect(within(step('scheme')).getByText('下一步')).toBeInTheDocument();

    await new SchemeRepository(s.session.db, s.session.logger).clone(PANJIN_2024_COUNTY);
    await waitFor(() => expect(step('scheme').dataset.done).toBe('true'));
    expect(step('inspection').dataset.done).toBe('false');
  });

  it('is gone once the office has a 检查任务', async () => {
    const seeded = await seedRound({ dbPrefix: 'dash' });
    useSessionStore.setState({ session: seeded.session, error: null });
    ctx = { session: seeded.session, dbName: seeded.dbName };
    renderDashboard();
    await screen.findByText('2024年度政务公开年中考核（县区政府）');
    expect(screen.queryByTestId('first-steps')).toBeNull();
  });
});
