// The in-browser half of the benchmarks: every module under suites/ registers
// figures; bench/cases/browser.bench.ts opens this page in Chromium and runs them.
import type { Figures } from '../types';

type Suite = { default: { title: string; run(): Promise<Figures> } };
const suites = import.meta.glob<Suite>('./suites/*.ts');

declare global {
  interface Window {
    benchSuites: () => string[];
    runBenchSuite: (name: string) => Promise<Figures>;
    benchSeed: (withYear: boolean) => Promise<{ assessmentPath: string; yearFilePath: string; unitName: string }>;
  }
}

window.benchSuites = () => Object.keys(suites).sort();
window.runBenchSuite = async (name) => (await suites[name]()).default.run();
window.benchSeed = async (withYear) => (await import('./seed')).seed(withYear);
