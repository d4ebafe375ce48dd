import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import Dexie from 'dexie';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentWorkspace } from '../../../renderer/features/assessment/AssessmentWorkspace';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { YearRepository, type YearPhoneCallInput } from '../../../renderer/features/year/yearRepository';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';


const PHONE = 'pj24c.platform.phone';
let dbName = '';

const dial = (at: string, answered: boolean, correct: boolean | null = null): YearPhoneCallInput => ({
  quarter: (['Q1', 'Q2', 'Q3', 'Q4'] as const)[Math.floor((Number(at.slice(5, 7)) - 1) / 3)],
  number: '0427-2800000',
  at,
  answered,
  correct,
  caller: '王明',
  note: '',
});

async function setup() {
  dbName = `phone-override-${Math.random().toString(36).slice(2)}`;
  let s: Session = await openSession(new InspectorDatabase(dbName));
  s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  useSessionStore.setState({ session: s, error: null });
  const target = await new TargetRepository(s.db, s.logger).create({ name: '大洼区人民政府', kind: '县区政府', region: '大洼区', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' });
  const rounds = new InspectionRepository(s.db, s.logger);
  const inspection = await rounds.create({ title: '2024年年终考核', year: 2024, kind: '年终考核', startDate: '2024-12-10', endDate: '2024-12-20', team: ['王明'], scheme: PANJIN_2024_COUNTY });
  const [assessment] = await rounds.addTargets(inspection.id, [target], 'manual');
  const year = new YearRepository(s.db, s.logger);
  // Q2 both unanswered (−0.2), Q3 one obviously wrong answer (−0.1).
  await year.addPhoneCall(target.id, 2024, dial('2024-05-10T09:30', false));
  await year.addPhoneCall(target.id, 2024, dial('2024-05-14T15:00', false));
  await year.addPhoneCall(target.id, 2024, dial('2024-08-06T10:00', true, false));
  render(
    <AntApp>
      <MemoryRouter>
        <AssessmentWorkspace inspection={inspection} assessment={assessment} target={{ ...target, deleted: 0 }} />
      </MemoryRouter>
    </AntApp>,
  );
  const offer = await waitFor(() => document.querySelector<HTMLElement>(`[data-testid="prefill-offer"][data-rule="${PHONE}"]`) ?? Promise.reject(new Error('no phone offer')), { timeout: 30_000 });
  await waitFor(() => expect(screen.getByTestId('assessment-total').textContent).toBe('−0.3'), { timeout: 30_000 });
  return { s, assessment, offer };
}

afterEach(async () => {
  cleanup();
  useSessionStore.setState({ session: null });
  await Dexie.delete(dbName);
});

describe('the 拨测 line of the year-end pre-fill', () => {
  it('is overridden call by call with a reason; the preview, the decision shown and the total agree', async () => {
    const { s, assessment, offer } = await setup();
    fireEvent.click(within(offer).getByRole('button', { name: '改动' }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 30_000 });
    expect(within(dialog).getAllByRole('row').map((r) => r.textContent)).toEqual([
      '拨测时间号码记录判定',
      expect.stringMatching(/^5月10日 09:30（上午）0427-2800000无人接听/),
      expect.stringMatching(/^5月14日 15:00（下午）0427-2800000无人接听/),
      expect.stringMatching(/^8月6日 10:00（上午）0427-2800000接听，回答存在明显问题/),
    ]);
    const preview = within(dialog).getByTestId('phone-override-preview');
    expect(preview.textContent).toBe('改动后本项 −0.3 分（按记录 −0.3 分）');

    fireEvent.mouseDown(within(dialog).getByLabelText('8月6日 10:00（上午）的判定'));
    const option = await waitFor(() => [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((o) => o.textContent === '接听，回答无明显问题') ?? Promise.reject(new Error('no option')));
    fireEvent.click(option);
    await waitFor(() => expect(preview.textContent).toBe('改动后本项 −0.2 分（按记录 −0.3 分）'));

    // No reason: refused with its message, nothing written.
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await screen.findByText('改动预填结果须说明理由');
    expect(await s.db.prefillDecisions.count()).toBe(0);
    expect(screen.getByTestId('assessment-total').textContent).toBe('−0.3');

    fireEvent.change(within(dialog).getByLabelText('改动理由'), { target: { value: '经复核通话录音，8月6日的回答正确' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 30_000 });
    await waitFor(() => expect(within(offer).getByTestId('prefill-decision').textContent).toBe('已改为 本项 −0.2 分（按记录 −0.3 分）：经复核通话录音，8月6日的回答正确'), { timeout: 30_000 });
    expect(offer.textContent).toContain('第三季度 8月6日 10:00 的拨测：记录为接听，回答存在明显问题，改为接听，回答无明显问题');
    // The records' own lines stay as they are.
    expect(offer.textContent).toContain('第三季度拨测 1 次，接听 1 次，其中回答存在明显问题 1 次（8月6日）');
    await waitFor(() => expect(screen.getByTestId('assessment-total').textContent).toBe('−0.2'), { timeout: 30_000 });
    expect((await s.db.prefillDecisions.get(`${assessment.id}:${PHONE}`))?.reason).toBe('经复核通话录音，8月6日的回答正确');
  });
});
