import { afterEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import type { Session } from '../../../renderer/db/session';
import { SchemeValidationError, type SchemeRepository } from '../../../renderer/features/schemes/schemeRepository';
import { parsePoints } from '../../../shared/points/points';
import { BUILTIN_SCHEMES, PANJIN_2024_COUNTY } from '../../../shared/schemes/index';
import type { FixedRule } from '../../../shared/scheme/model';
import { closeSession, newSession } from './helpers';

let ctx: { session: Session; repo: SchemeRepository; dbName: string };
afterEach(async () => {
  if (ctx) await closeSession(ctx.session, ctx.dbName);
});

describe('SchemeRepository', () => {
  it('lists the built-ins, then own schemes; a clone is an own copy named （副本） at version 1', async () => {
    ctx = await newSession();
    const { repo } = ctx;
    expect((await repo.listAll()).map((s) => s.id)).toEqual(BUILTIN_SCHEMES.map((s) => s.id));

    const row = await repo.clone(PANJIN_2024_COUNTY);
    expect(row.id).not.toBe(PANJIN_2024_COUNTY.id);
    expect(row.scheme).toMatchObject({ id: row.id, builtin: false, version: 1, name: `${PANJIN_2024_COUNTY.name}（副本）` });
    // Same rules (ids kept), so the copy scores exactly like the original.
    expect(row.scheme.sections).toEqual(PANJIN_2024_COUNTY.sections);
    const all = await repo.listAll();
    expect(all.map((s) => s.id)).toEqual([...BUILTIN_SCHEMES.map((s) => s.id), row.id]);
    // The built-in itself is untouched.
    expect(PANJIN_2024_COUNTY.builtin).toBe(true);
    expect(PANJIN_2024_COUNTY.name).not.toContain('副本');
  });

  it('saving an edit bumps the version and logs the change; an invalid scheme is refused and nothing changes', async () => {
    ctx = await newSession();
    const { repo, session } = ctx;
    const row = await repo.clone(PANJIN_2024_COUNTY);
    const edited = structuredClone(row.scheme);
    (edited.sections[0].indicators[0].rules[0] as FixedRule).points = parsePoints('1.5');
    const saved = await repo.saveEdited(edited);
    expect(saved.scheme.version).toBe(2);
    expect((saved.scheme.sections[0].indicators[0].rules[0] as FixedRule).points).toBe(1500);

    const log = await historyOf(session.db, 'schemes', row.id);
    const last = log[log.length - 1];
    expect(last).toMatchObject({ field: 'scheme', author: '王明' });
    expect((last.value as typeof edited).version).toBe(2);

    const broken = structuredClone(saved.scheme);
    (broken.sections[0].indicators[0].rules[0] as FixedRule).points = -100;
    await expect(repo.saveEdited(broken)).rejects.toThrow(SchemeValidationError);
    await expect(repo.saveEdited(broken)).rejects.toThrow('第1节第1项指标第1条规则：分值应为正数');
    expect((await repo.getRow(row.id))!.scheme.version).toBe(2);
    expect(await historyOf(session.db, 'schemes', row.id)).toHaveLength(log.length);
  });

  it('an imported file can replace an own scheme: same id, version above both the stored one and the file', async () => {
    ctx = await newSession();
    const { repo } = ctx;
    const row = await repo.clone(PANJIN_2024_COUNTY);
    await repo.saveEdited({ ...row.scheme, name: '甲' });
    await expect(repo.importReplacing(row.id, { ...row.scheme, name: '乙', version: 1 })).resolves.toMatchObject({ id: row.id, name: '乙' });
    expect((await repo.getRow(row.id))!.scheme.version).toBe(3);
    await repo.importReplacing(row.id, { ...row.scheme, name: '丙', version: 7 });
    expect((await repo.getRow(row.id))!.scheme).toMatchObject({ name: '丙', version: 7 });
    await expect(repo.importReplacing('no-such-id', row.scheme)).rejects.toThrow('要更新的方案不存在或已被删除');
  });

  it('soft-deletes own schemes (and their draft), restores them, and never deletes a built-in', async () => {
    ctx = await newSession();
    const { repo, session } = ctx;
    const row = await repo.clone(PANJIN_2024_COUNTY);
    await repo.putDraft(row.id, 1, { any: 'thing' });
    expect(await repo.draftIds()).toEqual(new Set([row.id]));
    await repo.softDelete(row.id);
    expect(await repo.listAll()).toHaveLength(BUILTIN_SCHEMES.length);
    expect(await repo.get(row.id)).toBeUndefined();
    expect(await repo.get(row.id, { includeDeleted: true })).toBeDefined();
    expect((await repo.getRow(row.id))!).toMatchObject({ deleted: 1 });
    expect(await repo.draftIds()).toEqual(new Set());
    await repo.restore(row.id);
    expect((await repo.listAll()).map((s) => s.id)).toContain(row.id);
    await expect(repo.softDelete(PANJIN_2024_COUNTY.id)).rejects.toThrow('内置方案不能删除');
    expect(await session.db.schemes.count()).toBe(1);
  });

  it('imports a scheme whose id is taken under a new id, keeping its rule ids', async () => {
    ctx = await newSession();
    const { repo } = ctx;
    const a = await repo.importAsNew({ ...PANJIN_2024_COUNTY, builtin: false });
    expect(a.id).not.toBe(PANJIN_2024_COUNTY.id);
    expect(a.scheme.sections[0].indicators[0].rules[0].id).toBe('pj24c.catalogue.missing');
    const b = await repo.importAsNew({ ...PANJIN_2024_COUNTY, id: 'my-2025', builtin: false });
    expect(b.id).toBe('my-2025');
    const c = await repo.importAsNew({ ...PANJIN_2024_COUNTY, id: 'my-2025', builtin: false });
    expect(c.id).not.toBe('my-2025');
  });
});
