import { cleanup, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import Dexie from 'dexie';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { DrawRecordView } from '../../../renderer/features/inspections/DrawRecordView';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { drawTargets } from '../../../shared/draw/draw';
import { drawHalls } from '../../../shared/draw/halls';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';


let dbName = '';
afterEach(async () => {
  cleanup();
  useSessionStore.setState({ session: null });
  await Dexie.delete(dbName);
});

const unit = { region: '', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };

describe('the draw record sheet', () => {
  it('lists the halls drawn in each county under the county’s name', async () => {
    dbName = `drawhalls-${Math.random().toString(36).slice(2)}`;
    let s: Session = await openSession(new InspectorDatabase(dbName));
    s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
    useSessionStore.setState({ session: s, error: null });
    const targets = new TargetRepository(s.db, s.logger);
    const dw = await targets.create({ ...unit, name: '大洼区人民政府', kind: '县区政府' });
    const ps = await targets.create({ ...unit, name: '盘山县人民政府', kind: '县区政府' });
    for (const [name, parentId, kind] of [
      ['大洼区政务服务中心', dw.id, '政务服务大厅'], ['田家街道便民服务中心', dw.id, '便民服务中心'], ['榆树街道便民服务中心', dw.id, '便民服务中心'],
      ['盘山县政务服务中心', ps.id, '政务服务大厅'],
    ] as const) await targets.create({ ...unit, name, kind, parentId });
    const repo = new InspectionRepository(s.db, s.logger);
    const inspection = await repo.create({ title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: ['王明'], scheme: PANJIN_2024_COUNTY });
    const plan = drawTargets({ seed: '20240701', perKind: { 县区政府: 2 }, candidates: [dw, ps].map((t) => ({ targetId: t.id, name: t.name, kind: t.kind })) });
    if (!plan.ok) throw new Error(plan.errors.join());
    const pool = await repo.hallCandidates();
    const h = drawHalls({ seed: '20240701', perCounty: 2, countyIds: plan.result, halls: pool });
    if ('errors' in h) throw new Error(h.errors.join());
    const { record } = await repo.recordDraw(inspection.id, plan, false, { perCounty: 2, pool, byCounty: h.byCounty });

    render(
      <AntApp>
        <MemoryRouter initialEntries={[`/inspections/${inspection.id}/draws/${record.id}`]}>
          <Routes>
            <Route path="/inspections/:id/draws/:drawId" element={<DrawRecordView />} />
          </Routes>
        </MemoryRouter>
      </AntApp>,
    );
    const table = await screen.findByTestId('draw-halls', undefined, { timeout: 30_000 });
    expect(screen.getByRole('heading', { name: '抽取的政务服务大厅（每个县区 2 个，共 3 个）' })).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    const names = (county: string) => h.byCounty.find((c) => c.countyId === county)!.hallIds.map((id) => pool.find((p) => p.targetId === id)!.name);
    expect(names(dw.id)).toHaveLength(2);
    const dwRow = rows.findIndex((r) => r?.includes('大洼区人民政府（共 3 个大厅）'));
    expect(dwRow).toBeGreaterThanOrEqual(0);
    expect(rows[dwRow]).toContain(names(dw.id)[0]);
    expect(rows[dwRow + 1]).toContain(names(dw.id)[1]);
    expect(rows.find((r) => r?.includes('盘山县人民政府（共 1 个大厅）'))).toContain('盘山县政务服务中心政务服务大厅');
    expect(rows).toHaveLength(3);
  });
});
