import { serveInWorker } from '../../workers/offThread';
import { runSchemeXlsxJob } from './schemeFileJob';

serveInWorker(runSchemeXlsxJob);
