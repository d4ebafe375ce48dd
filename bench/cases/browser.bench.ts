// Runs the in-browser benchmark suites (bench/browser/suites/*.ts) in Debian's Chromium.
import { readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import type { BenchCase, Figures } from '../types';

const only = process.env.BENCH_SUITE;

export default {
  title: 'Chromium',
  // The year suites and the start-up figures are run by the year case (year.bench.ts) on its
  // own build, never twice; `--only startup` runs the start-up figures alone here.
  run: () => (only === 'startup' ? runBrowserSuites(() => false, startUpFiguresSafe) : runBrowserSuites((suite) => !suite.includes('year') && (!only || suite.includes(only)))),
} satisfies BenchCase;

/** The start-up figures (ui.startYear.*), which open the app itself; a failure is printed, not fatal. */
export async function startUpFiguresSafe(browser: import('playwright-core').Browser, port: number): Promise<Figures> {
  try {
    return await startUpFigures(browser, port);
  } catch (e) {
    console.error('  start-up figures failed:', e);
    return {};
  }
}

/** Builds the bench page, opens it in Chromium and runs the suites `wanted` picks, each in a fresh context. */
export async function runBrowserSuites(
  wanted: (suite: string) => boolean,
  extra?: (browser: import('playwright-core').Browser, port: number) => Promise<Figures>,
): Promise<Figures> {
  // Nothing to run (e.g. `--only year`, whose suites are the year case's): no build either.
  if (!extra && !readdirSync('bench/browser/suites').some((f) => wanted(`./suites/${f}`))) return {};
  await build({ configFile: 'bench/browser/vite.config.ts' });
  const server = await preview({ configFile: 'bench/browser/vite.config.ts', preview: { host: '127.0.0.1', port: 0 } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Precise heap figures (peak memory of a merge) and gc() to start each measure clean.
    args: ['--no-sandbox', '--enable-precise-memory-info', '--js-flags=--expose-gc', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const figures: Figures = {};
  try {
    for (const suite of await listSuites(browser, address.port)) {
      if (!wanted(suite)) continue;
      // A fresh context per suite: empty IndexedDB, no warm caches from the previous suite.
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[${suite}]`, e.message));
      await page.goto(`http://127.0.0.1:${address.port}/`);
      await page.waitForFunction(() => typeof window.runBenchSuite === 'function');
      console.log(`  browser suite ${suite} …`);
      Object.assign(figures, await page.evaluate((s) => window.runBenchSuite(s), suite));
      await context.close();
    }
    if (extra) Object.assign(figures, await extra(browser, address.port));
  } finally {
    await browser.close();
    await server.close();
  }
  return figures;
}

async function listSuites(browser: import('playwright-core').Browser, port: number): Promise<string[]> {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => typeof window.benchSuites === 'function');
  const names = await page.evaluate(() => window.benchSuites());
  await page.close();
  return names;
}

/** Median of the values. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Start-up of the app itself (bench/browser/app.html) to an interactive 工作台 whose
 * year card is filled (its to-do list is computed from the data), in a fresh
 * context holding only a profile and in one holding the year; then, with the
 * year, opening a unit's assessment and that unit's year file.
 */
async function startUpFigures(browser: import('playwright-core').Browser, port: number): Promise<Figures> {
  const base = `http://127.0.0.1:${port}`;
  const startMs = async (withYear: boolean) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('[app]', e.message));
    await page.goto(`${base}/`);
    await page.waitForFunction(() => typeof window.benchSeed === 'function');
    const paths = await page.evaluate((y) => window.benchSeed(y), withYear);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${base}/app.html#/`);
      await page.waitForFunction("document.body.innerText.includes('本季度已拨测')", undefined, { timeout: 120_000, polling: 'raf' });
      times.push((await page.evaluate('performance.now()')) as number);
    }
    let openMs = 0;
    if (withYear) {
      const open: number[] = [];
      for (let i = 0; i < 3; i++) {
        await page.goto(`${base}/app.html#/`);
        await page.waitForFunction("document.body.innerText.includes('本季度已拨测')", undefined, { timeout: 120_000, polling: 'raf' });
        // A string, not a function: the bench's TypeScript loader would add helpers the page does not have.
        open.push(
          (await page.evaluate(`(async () => {
            const p = ${JSON.stringify(paths)};
            const until = (ok) => new Promise((res) => { const tick = () => (ok() ? res() : requestAnimationFrame(tick)); tick(); });
            const t0 = performance.now();
            location.hash = p.assessmentPath;
            await until(() => document.body.innerText.includes('单位年度档案') && document.body.innerText.includes(p.unitName));
            location.hash = p.yearFilePath;
            await until(() => document.body.innerText.includes(p.unitName + ' 2024年度档案'));
            return performance.now() - t0;
          })()`)) as number,
        );
      }
      openMs = median(open);
    }
    await context.close();
    return { start: median(times), openMs };
  };
  console.log('  start-up: empty database …');
  const empty = await startMs(false);
  console.log('  start-up: the year …');
  const year = await startMs(true);
  return {
    'ui.startEmpty.ms': { value: Math.round(empty.start), unit: 'ms' },
    'ui.startYear.ms': { value: Math.round(year.start), unit: 'ms' },
    'ui.startYear.ratio': { value: Math.round((year.start / empty.start) * 100) / 100, unit: '×' },
    'ui.openAssessmentYear.ms': { value: Math.round(year.openMs), unit: 'ms' },
  };
}
