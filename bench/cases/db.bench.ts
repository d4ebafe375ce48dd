// IndexedDB figures in Node (fake-indexeddb) and the 1,000-row targets import (parse + check + write).
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { InspectorDatabase } from '../../renderer/db/database';
import { openSession, saveProfile } from '../../renderer/db/session';
import { TargetRepository } from '../../renderer/features/targets/targetRepository';
import { previewTargetImport } from '../../shared/targets/targetImport';
import { dbFigures } from '../shared/dbBench';
import { makeTargetWorkbook } from '../shared/importBench';
import { medianMs, type BenchCase } from '../types';

export default {
  title: 'IndexedDB (Node, fake-indexeddb)',
  async run() {
    const figures = await dbFigures('db');
    const bytes = makeTargetWorkbook(1000);
    let i = 0;
    const importMs = await medianMs(async () => {
      const name = `bench-import-${i++}`;
      let s = await openSession(new InspectorDatabase(name));
      s = await saveProfile(s, { name: '测试', organisation: '测试', team: '测试' });
      const repo = new TargetRepository(s.db, s.logger);
      const preview = await previewTargetImport(bytes, 'targets.xlsx', await repo.existingNames());
      await repo.createMany(preview.rows.map((r) => r.input));
      s.db.close();
      await Dexie.delete(name);
    }, 3);
    return { ...figures, 'import.targets1k.ms': { value: importMs, unit: 'ms' } };
  },
} satisfies BenchCase;
