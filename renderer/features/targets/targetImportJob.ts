import type { ExistingTarget, TargetImportPreview } from '../../../shared/targets/targetImport';
import { offThread } from '../../workers/offThread';

export interface TargetImportJob {
  bytes: Uint8Array;
  fileName: string;
  existingNames: string[];
  /** Units in use, so that rows of an updated list update them. */
  existingUnits?: ExistingTarget[];
}

/** Parse and check a targets workbook in a worker (the spreadsheet library loads only there). */
export function previewTargetsOffThread(job: TargetImportJob): Promise<TargetImportPreview> {
  return offThread(
    () => new Worker(new URL('./targetImport.worker.ts', import.meta.url), { type: 'module' }),
    async (j: TargetImportJob) => (await import('../../../shared/targets/targetImport')).previewTargetImport(j.bytes, j.fileName, new Set(j.existingNames), j.existingUnits),
    job,
  );
}
