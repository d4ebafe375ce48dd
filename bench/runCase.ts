// Runs one benchmark case in this process and writes its figures as JSON.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchCase } from './types';

const [file, out] = process.argv.slice(2);
const mod = (await import(pathToFileURL(file).href)) as { default: BenchCase };
console.log(`running ${mod.default.title} …`);
const figures = await mod.default.run();
writeFileSync(out, JSON.stringify({ title: mod.default.title, figures }));
