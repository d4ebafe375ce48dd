/**
 * Builds the main process and the preload into dist-electron/ as CommonJS:
 *   electron/main.ts    → dist-electron/main.cjs
 *   electron/preload.ts → dist-electron/preload.cjs
 * Electron and Node built-ins stay external; everything else (zod, the shared
 * contract) is bundled. The sandboxed preload can require nothing but
 * 'electron', so each entry is built on its own into one self-contained file
 * (two inputs in one build would share a chunk): this config builds main, and
 * its plugin then builds the preload with the same settings.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const external = ['electron', /^electron\/.+/, /^node:/, ...builtinModules];

export interface EntryBuildOptions {
  watch?: boolean;
  /** Defaults to dist-electron in the project root. */
  outDir?: string;
}

export function electronEntryConfig(entry: 'main' | 'preload', { watch = false, outDir }: EntryBuildOptions = {}): InlineConfig {
  return {
    configFile: false,
    root: here('..'),
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: outDir ?? here('../dist-electron'),
      // Both builds write into the same folder under fixed names.
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      watch: watch ? {} : null,
      lib: {
        entry: here(`./${entry}.ts`),
        formats: ['cjs'],
        fileName: () => `${entry}.cjs`,
      },
      rolldownOptions: {
        external,
        output: { codeSplitting: false },
        // The preload needs only the channel names from the shared contract:
        // treating zod's builders as pure drops the schemas (and zod) from it.
        treeshake: entry === 'preload' ? { manualPureFunctions: ['z'] } : undefined,
      },
    },
  };
}

/** After main is built, build the preload (once; in watch mode it keeps watching). */
function preloadBuild(outDir: string | undefined): Plugin {
  let watch = false;
  let started = false;
  return {
    name: 'zwgk-electron-preload',
    apply: 'build',
    configResolved(config) {
      watch = Boolean(config.build.watch);
    },
    async closeBundle() {
      if (started) return;
      started = true;
      await build(electronEntryConfig('preload', { watch, outDir }));
    },
  };
}

/** Builds both entries once (used by tests and scripts). */
export async function buildElectron(options: EntryBuildOptions = {}): Promise<void> {
  await build({ ...electronEntryConfig('main', options), plugins: [preloadBuild(options.outDir)] });
}

export default defineConfig(() => {
  const { configFile: _ignored, ...config } = electronEntryConfig('main');
  return { ...config, plugins: [preloadBuild(undefined)] };
});
