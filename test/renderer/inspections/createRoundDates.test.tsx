import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateInspectionModal } from '../../../renderer/features/inspections/CreateInspectionModal';
import type { InspectionInput } from '../../../renderer/features/inspections/inspectionRepository';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';


afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const shownDates = () => [...document.querySelectorAll<HTMLInputElement>('.ant-picker-input input')].map((i) => i.value);

describe('新建检查任务 for another assessment year', () => {
  it('starts with dates inside the round’s year, and moves them with the kind', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T02:00:00Z'));
    const onSubmit = vi.fn(async (_: InspectionInput) => {});
    render(
      <AntApp>
        <CreateInspectionModal open schemes={[PANJIN_2024_COUNTY]} defaultTeam={['王明']} onCancel={() => {}} onSubmit={onSubmit} />
      </AntApp>,
    );
    const dialog = await screen.findByRole('dialog');
    // A 2024 scheme in December 2026: the mid-year check of 2024, not today.
    await waitFor(() => expect(shownDates()).toEqual(['2024-06-24', '2024-06-30']));

    fireEvent.mouseDown(within(dialog).getByLabelText('检查类型'));
    fireEvent.click(await waitFor(() => [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((o) => o.textContent === '年终考核') ?? Promise.reject(new Error('no option'))));
    await waitFor(() => expect(shownDates()).toEqual(['2024-12-24', '2024-12-30']));

    fireEvent.click(within(dialog).getByRole('button', { name: /创\s*建/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ year: 2024, kind: '年终考核', startDate: '2024-12-24', endDate: '2024-12-30', title: '2024年度政务公开年终考核（县区政府）' });
  });
});
