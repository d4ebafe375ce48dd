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
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { FIVE_UNIFIED_CHECKLIST, PANJIN_2024_COUNTY } from '../../../shared/scheme';


let dbName = '';

async function setup() {
  dbName = `five-${Math.random().toString(36).slice(2)}`;
  let s: Session = await openSession(new InspectorDatabase(dbName));
  s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  useSessionStore.setState({ session: s, error: null });
  const target = await new TargetRepository(s.db, s.logger).create({
    name: '盘山县人民政府', kind: '县区政府', region: '盘山县', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '',
  });
  const repo = new InspectionRepository(s.db, s.logger);
  const inspection = await repo.create({ title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: ['王明'], scheme: PANJIN_2024_COUNTY });
  const [assessment] = await repo.addTargets(inspection.id, [target], 'manual');
  const ui = render(
    <AntApp>
      <MemoryRouter initialEntries={['/?tab=checklist']}>
        <AssessmentWorkspace inspection={inspection} assessment={assessment} target={{ ...target, deleted: 0 }} />
      </MemoryRouter>
    </AntApp>,
  );
  await screen.findByRole('button', { name: '全部达标' }, { timeout: 30_000 });
  return { s, repo, inspection, assessment, ui };
}

afterEach(async () => {
  cleanup();
  useSessionStore.setState({ session: null });
  await Dexie.delete(dbName);
});

const items = FIVE_UNIFIED_CHECKLIST.dimensions.flatMap((d) => d.items);
const statusOf = (text: string) => {
  const group = screen.getByRole('radiogroup', { name: text });
  // The selected button as drawn (jsdom shares one radio name across groups, so `checked` is not reliable here).
  return group.querySelector('.ant-radio-button-wrapper-checked')?.textContent ?? null;
};

describe('五统一 walk-through', () => {
  it('本维度全部达标 marks one dimension; 全部达标 fills the rest and keeps the exceptions already marked', async () => {
    const { s, assessment } = await setup();
    const [first, second] = FIVE_UNIFIED_CHECKLIST.dimensions;
    fireEvent.click(screen.getByRole('button', { name: `${first.title}本维度全部达标` }));
    await waitFor(() => expect(first.items.map((i) => statusOf(i.text))).toEqual(first.items.map(() => '达标')));
    expect(second.items.map((i) => statusOf(i.text))).toEqual(second.items.map(() => null));

    const exception = second.items[0];
    fireEvent.click(within(screen.getByRole('radiogroup', { name: exception.text })).getByRole('radio', { name: '未达标' }));
    fireEvent.click(screen.getByRole('button', { name: '全部达标' }));
    await waitFor(() => expect(items.map((i) => statusOf(i.text))).toEqual(items.map((i) => (i.id === exception.id ? '未达标' : '达标'))));
    await waitFor(async () => expect((await s.db.checklistAnswers.where('assessmentId').equals(assessment.id).toArray()).length).toBe(items.length), { timeout: 30_000 });
    const rows = await s.db.checklistAnswers.where('assessmentId').equals(assessment.id).toArray();
    expect(rows.filter((r) => r.status === 'notMet').map((r) => r.itemId)).toEqual([exception.id]);
    expect(screen.getByRole('button', { name: '全部达标' })).toBeDisabled();
  });
});
