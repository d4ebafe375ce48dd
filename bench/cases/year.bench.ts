// The year figures, measured in Chromium where the app runs them, on one build of
// the bench page: the browser suites bench/browser/suites/year*.ts (year.prefill300.ms,
// dashboard.year.ms, sync.mergeYear.*), then the app itself opening on the year
// against an empty database (ui.startYear.*, ui.openAssessmentYear.ms).
import type { BenchCase } from '../types';
import { runBrowserSuites, startUpFiguresSafe } from './browser.bench';

export default {
  title: '考核年度（300家单位，Chromium）',
  run: () => runBrowserSuites((suite) => suite.includes('year'), startUpFiguresSafe),
} satisfies BenchCase;
