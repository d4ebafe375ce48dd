import { dbFigures } from '../../shared/dbBench';
import { makeTargetWorkbook } from '../../shared/importBench';
import { previewTargetsOffThread } from '../../../renderer/features/targets/targetImportJob';

export default {
  title: 'IndexedDB in Chromium',
  async run() {
    const figures = await dbFigures('db.chromium');
    const bytes = makeTargetWorkbook(1000);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const p = await previewTargetsOffThread({ bytes: bytes.slice(), fileName: 'targets.xlsx', existingNames: [] });
      times.push(performance.now() - t0);
      if (p.validCount !== 1000) throw new Error('import preview wrong');
    }
    times.sort((a, b) => a - b);
    return { ...figures, 'import.targets1k.chromium.ms': { value: Math.round(times[1]), unit: 'ms' } };
  },
};
