import { serveInWorker } from '../../workers/offThread';
import { runCheckJob, type CheckJob } from './checkJobRunner';

serveInWorker((job: CheckJob) => runCheckJob(job));
