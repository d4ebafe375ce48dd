// Runs the in-browser benchmark suites (bench/browser/suites/*.ts) in Debian's Chromium.
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import type { BenchCase, Figures } from '../types';

const only = process.env.BENCH_SUITE;

export default {
  title: 'Chromium',
  // The year suite is run by its own case (year.bench.ts).
  run: () => runBrowserSuites((suite) => (only ? suite.includes(only) : !suite.includes('year'))),
} satisfies BenchCase;

/** Builds the bench page, opens it in Chromium and runs the suites `wanted` picks, each in a fresh context. */
export async function runBrowserSuites(wanted: (suite: string) => boolean): Promise<Figures> {
  await build({ configFile: 'bench/browser/vite.config.ts' });
  const server = await preview({ configFile: 'bench/browser/vite.config.ts', preview: { host: '127.0.0.1', port: 0 } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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
