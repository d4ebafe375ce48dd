import { offThread } from '../../workers/offThread';
import type { CheckJob, CheckJobResult } from './checkJobRunner';

/**
 * Runs a paperwork-check job in a Web Worker (inline where workers do not
 * exist, as in unit tests). The spreadsheet libraries load only there.
 * `signal` cancels it (the worker is stopped).
 */
export function runCheckJobOffThread<J extends CheckJob>(job: J, signal?: AbortSignal): Promise<CheckJobResult<J>> {
  return offThread(
    () => new Worker(new URL('./paperworkChecks.worker.ts', import.meta.url), { type: 'module' }),
    async (j: J) => (await import('./checkJobRunner')).runCheckJob(j) as Promise<CheckJobResult<J>>,
    job,
    [],
    signal,
  );
}
