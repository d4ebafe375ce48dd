import { previewTargetImport } from '../../../shared/targets/targetImport';
import { serveInWorker } from '../../workers/offThread';
import type { TargetImportJob } from './targetImportJob';

serveInWorker(({ bytes, existingNames }: TargetImportJob) => previewTargetImport(bytes, new Set(existingNames)));
