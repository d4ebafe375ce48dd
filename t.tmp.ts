import { checkCatalogueFile } from './shared/checks';
import { readFileSync } from 'node:fs';
const cases: [string, 'panjin2024'|'xinjin2021'][] = [['catalogue-two-level.xlsx','xinjin2021'],['catalogue-six-level.xlsx','xinjin2021'],['catalogue-form-channels.xlsx','xinjin2021'],['catalogue-form-both.csv','xinjin2021'],['catalogue-retention.xlsx','panjin2024'],['catalogue-unit-line.xlsx','panjin2024'],['catalogue-merged-export.csv','panjin2024'],['catalogue-merged-header.xlsx','xinjin2021']];
for (const [f, req] of cases) {
  const r = await checkCatalogueFile({ bytes: new Uint8Array(readFileSync('test/fixtures/checks/' + f)), fileName: f }, { required: req });
  console.log('=====', f, req);
  if (!r.ok) { console.log(r.error); continue; }
  console.log('needsMapping', r.preview!.needsMapping, 'rows', r.value.rows.map(x => x.row).join(','), 'skipped', r.preview!.skipped.map(s => s.row + s.message).join(' | '));
  for (const p of r.value.problems) console.log('  P', p.code, p.element, p.row, p.column, p.message);
  for (const e of r.value.elements!) console.log('  E', e.label, e.source, e.columns, e.header, e.rowsLacking, e.conclusions.join(' // '));
  console.log('  names', r.value.rows.map(x => x.values.itemName).join(' | '));
}
