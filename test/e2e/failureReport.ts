import { beforeEach } from 'vitest';
import { reportOpenPages } from './browser';

// A failed e2e test prints what its pages showed at that moment (and saves
// screenshots), so a failure on a loaded machine can be read from the log alone.
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    const report = await reportOpenPages(task.name);
    if (report) console.log(`\n[e2e] ${task.name}: what the pages showed when it failed\n${report}`);
  });
});
