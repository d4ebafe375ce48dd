import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import Dexie from 'dexie';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentWorkspace } from '../../../renderer/features/assessment/AssessmentWorkspace';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';

// Mounting the whole assessment screen under jsdom is slow on a 2-core machine.

let dbName = '';

async function setup() {
  dbName = `autosave-${Math.random().toString(36).slice(2)}`;
  let s: Session = await openSession(new InspectorDatabase(dbName));
  s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  useSessionStore.setState({ session: s, error: null });
  const target = await new TargetRepository(s.db, s.logger).create({
    name: '盘山县人民政府',
    kind: '县区政府',
    region: '盘山县',
    address: '',
    contactPerson: '',
    contactPhone: '',
    disclosurePhones: ['0427-2222222'],
    note: '',
  });
  const repo = new InspectionRepository(s.db, s.logger);
  const inspection = await repo.create({ title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: ['王明'], scheme: PANJIN_2024_COUNTY });
  const [assessment] = await repo.addTargets(inspection.id, [target], 'manual');
  const ui = render(
    <AntApp>
      <MemoryRouter>
        <AssessmentWorkspace inspection={inspection} assessment={assessment} target={{ ...target, deleted: 0 }} />
      </MemoryRouter>
    </AntApp>,
  );
  // The first render reads six tables; with other builds on the 2 cores that took over 10 s.
  await screen.findByRole('button', { name: '本地区政府部门未编制主动公开事项目录增加' }, { timeout: 40000 });
  return { s, repo, inspection, assessment, ui };
}

afterEach(async () => {
  cleanup();
  useSessionStore.setState({ session: null });
  await Dexie.delete(dbName);
});

describe('assessment autosave', () => {
  it('a count change updates the total at once and writes a response row with a change-log entry', async () => {
    const { s, assessment } = await setup();
    expect(screen.getByTestId('assessment-total').textContent).toBe('0');
    fireEvent.click(screen.getByRole('button', { name: '本地区政府部门未编制主动公开事项目录增加' }));
    fireEvent.click(screen.getByRole('button', { name: '本地区政府部门未编制主动公开事项目录增加' }));
    expect(screen.getByTestId('assessment-total').textContent).toBe('−0.2');

    const id = `${assessment.id}:pj24c.catalogue.dept-missing`;
    await waitFor(async () => expect((await s.db.responses.get(id))?.response).toEqual({ count: 2 }));
    const row = await s.db.responses.get(id);
    expect(row).toMatchObject({ assessmentId: assessment.id, inspectionId: assessment.inspectionId, ruleId: 'pj24c.catalogue.dept-missing' });
    const log = await historyOf(s.db, 'responses', id);
    expect(log.filter((e) => e.field === 'response').map((e) => e.value)).toEqual([{ count: 1 }, { count: 2 }]);
    expect(log.every((e) => e.author === '王明' && e.deviceId === s.device.deviceId)).toBe(true);
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toContain('已保存'));
    expect(screen.getByTestId('score-lines').textContent).toContain('每家减0.1分 × 2家 = −0.2分');
  });

  it('typed text is written after a short pause, not on every key', async () => {
    const { s, assessment } = await setup();
    const note = screen.getAllByLabelText('备注')[0];
    fireEvent.change(note, { target: { value: '现场查阅目录' } });
    fireEvent.change(note, { target: { value: '现场查阅目录，缺少2个部门' } });
    expect(screen.getByTestId('save-state').textContent).toContain('正在保存');
    const id = `${assessment.id}:pj24c.catalogue`;
    expect(await s.db.indicatorNotes.get(id)).toBeUndefined();
    await waitFor(async () => expect((await s.db.indicatorNotes.get(id))?.text).toBe('现场查阅目录，缺少2个部门'), { timeout: 30_000 });
    const log = await historyOf(s.db, 'indicatorNotes', id);
    expect(log.filter((e) => e.field === 'text').map((e) => e.value)).toEqual(['现场查阅目录，缺少2个部门']);
  });

  it('a range value without a reason is kept but flagged; the reason is saved with it', async () => {
    const { s, assessment } = await setup();
    const text = '我市做好新时代政务公开工作相关配套文件部署的重点工作未按时间节点完成';
    fireEvent.click(within(screen.getByRole('radiogroup', { name: text })).getByRole('radio', { name: '是' }));
    await waitFor(() => expect(screen.getByTestId('assessment-total').textContent).toBe('−0.1'));
    expect(screen.getByTestId('score-warnings').textContent).toContain('未填写理由');
    fireEvent.change(screen.getByLabelText(`${text}理由`), { target: { value: '两项任务逾期' } });
    const id = `${assessment.id}:pj24c.implementation.key-tasks`;
    await waitFor(async () => expect((await s.db.responses.get(id))?.response).toEqual({ value: '0.1', reason: '两项任务逾期' }), { timeout: 30_000 });
    await waitFor(() => expect(screen.queryByTestId('score-warnings')).toBeNull());
  });

  it('refuses writes to a submitted assessment with a clear message and stores nothing', async () => {
    const { s, repo, assessment, ui } = await setup();
    await repo.submit(assessment.id);
    const locked = (await s.db.assessments.get(assessment.id))!;
    ui.rerender(
      <AntApp>
        <MemoryRouter>
          <AssessmentWorkspace inspection={(await s.db.inspections.get(assessment.inspectionId))!} assessment={locked} target={null} />
        </MemoryRouter>
      </AntApp>,
    );
    await waitFor(() => expect(screen.getByRole('button', { name: '本地区政府部门未编制主动公开事项目录增加' })).toBeDisabled());
    const before = await s.db.changes.count();
    const responsesBefore = await s.db.responses.count();
    const { AssessmentRepository } = await import('../../../renderer/features/assessment/assessmentRepository');
    const ar = new AssessmentRepository(s.db, s.logger);
    await expect(ar.setResponse(assessment.id, 'pj24c.catalogue.missing', { applies: true })).rejects.toThrow('「盘山县人民政府」的评分已提交锁定，如需修改请先解锁并说明理由');
    expect(await s.db.responses.count()).toBe(responsesBefore);
    expect(await s.db.responses.get(`${assessment.id}:pj24c.catalogue.missing`)).toBeUndefined();
    expect(await s.db.changes.count()).toBe(before);
    await expect(repo.unlock(assessment.id, ' ')).rejects.toThrow('请填写解锁理由');
    await act(async () => {
      await repo.unlock(assessment.id, '复核发现计数有误');
    });
    await ar.setResponse(assessment.id, 'pj24c.catalogue.missing', { applies: true });
    const history = await historyOf(s.db, 'assessments', assessment.id);
    expect(history.filter((e) => e.field === 'status').map((e) => e.value)).toEqual(['open', 'submitted', 'open']);
    expect(history.find((e) => e.field === 'unlockReason' && e.value)?.value).toBe('复核发现计数有误');
  });
});
