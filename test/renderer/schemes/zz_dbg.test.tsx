import { cleanup, screen } from '@testing-library/react';
import { it } from 'vitest';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes/index';
import { newSession, renderSchemes } from '../../../test/renderer/schemes/helpers';
it('dbg', async () => { const tA = Date.now();
  const ctx = await newSession();
  const row = await ctx.repo.clone(PANJIN_2024_COUNTY);
  console.log('session', Date.now() - tA); renderSchemes(`/schemes/edit/${row.id}`);
  const t0 = Date.now(); console.log('setup done');
  try { await screen.findByRole('heading', { name: '编辑考核方案' }, { timeout: 15000 }); console.log('found after', Date.now() - t0, 'nodes', document.querySelectorAll('*').length, 'inputs', document.querySelectorAll('input,textarea').length, 'styles', document.querySelectorAll('style').length, 'stylelen', [...document.querySelectorAll('style')].reduce((n,s)=>n+(s.textContent?.length??0),0)); }
  catch (e) { console.log('NOT FOUND', document.body.textContent?.slice(0, 500)); }
  const t1 = Date.now(); cleanup(); console.log('cleanup', Date.now() - t1);
});
