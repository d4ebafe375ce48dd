#!/usr/bin/env node
// Runs every benchmark under bench/cases (Node) and bench/browser (Chromium),
// prints a table, and with `--json FILE` writes {"key": {"value", "unit"}}.
// Usage: npm run bench [-- --json FILE] [-- --only substring]
// `--only year` runs the Node cases whose file name contains `year` and the Chromium
// suites whose name contains it (bench/browser/suites/year*.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const jsonIdx = args.indexOf('--json');
const jsonFile = jsonIdx >= 0 ? args[jsonIdx + 1] : undefined;
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;

const all = {};
const rows = [];
const outDir = join(root, 'bench-output');
mkdirSync(outDir, { recursive: true });

const cases = readdirSync(join(root, 'bench', 'cases'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only) || f === 'browser.bench.ts')
  .sort();

for (const file of cases) {
  const out = join(outDir, `${file}.json`);
  rmSync(out, { force: true });
  // Each case runs in its own process so one case's heap does not slow the next.
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'runCase.ts'), join(root, 'bench', 'cases', file), out], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192', ...(only && file === 'browser.bench.ts' && !file.includes(only) ? { BENCH_SUITE: only } : {}) },
  });
  if (res.status !== 0 || !existsSync(out)) {
    rows.push([file, 'FAILED', '', '']);
    continue;
  }
  const { title, figures } = JSON.parse(readFileSync(out, 'utf8'));
  for (const [key, fig] of Object.entries(figures)) {
    all[key] = fig;
    rows.push([title, key, String(fig.value), fig.unit]);
  }
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), ['benchmark', 'key', 'value', 'unit'][i].length));
const line = (r) => r.map((c, i) => (i === 2 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
console.log('\n' + line(['benchmark', 'key', 'value', 'unit']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify(all, null, 2) + '\n');
  console.log(`\nwrote ${jsonFile}`);
}
if (rows.some((r) => r[1] === 'FAILED')) process.exitCode = 1;
