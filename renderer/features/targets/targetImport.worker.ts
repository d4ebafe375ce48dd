import { previewTargetImport } from '../../../shared/targets/targetImport';
import { serveInWorker } from '../../workers/offThread';
import type { TargetImportJob } from './targetImportJob';

serveInWorker(({ bytes, fileName, existingNames, existingUnits }: TargetImportJob) => previewTargetImport(bytes, fileName, new Set(existingNames), existingUnits));
