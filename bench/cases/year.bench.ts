// The year figures (year.prefill300.ms, dashboard.year.ms), measured in
// Chromium where the app runs them: the browser suite bench/browser/suites/year.ts.
import type { BenchCase } from '../types';
import { runBrowserSuites } from './browser.bench';

export default {
  title: '考核年度（300家单位，Chromium）',
  run: () => runBrowserSuites((suite) => suite.includes('year')),
} satisfies BenchCase;
