// `npm run dev`: the renderer from the Vite dev server (hot reload), the main
// process and preload built in watch mode, and Electron started against the
// dev server. Electron is restarted when main or preload is rebuilt.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MISSING_ELECTRON = '未找到 Electron 可执行文件：请在联网环境运行 npm install';

/**
 * The path of the Electron binary, without `require('electron')`: that would
 * try to download the binary when it is missing.
 */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
if (!binary) {
  console.error(MISSING_ELECTRON);
  process.exit(1);
}

const server = await createServer({
  configFile: join(root, 'vite.config.ts'),
  server: { host: '127.0.0.1', strictPort: false },
});
await server.listen();
const url = server.resolvedUrls?.local[0];
if (!url) {
  console.error('开发服务器未能启动');
  await server.close();
  process.exit(1);
}
console.log(`[dev] renderer: ${url}`);

// Build main + preload and keep watching them (the config builds the preload
// after main). Electron starts once the first build is on disk.
const outDir = join(root, 'dist-electron');
const watcher = await build({
  configFile: join(root, 'electron', 'vite.config.ts'),
  mode: 'development',
  build: { watch: {} },
});
await new Promise((resolve, reject) => {
  watcher.on('event', (event) => {
    if (event.code === 'END') resolve();
    if (event.code === 'ERROR') reject(event.error);
  });
});
const mainFile = join(outDir, 'main.cjs');
const preloadFile = join(outDir, 'preload.cjs');
for (let i = 0; i < 100 && !(existsSync(mainFile) && existsSync(preloadFile)); i++) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}

let child = null;
let stopping = false;
function startElectron() {
  child = spawn(binary, ['.'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_DEV_SERVER_URL: url },
  });
  child.on('exit', (code) => {
    child = null;
    if (!stopping) shutdown(code ?? 0);
  });
}

function restartElectron() {
  if (!child) return startElectron();
  const old = child;
  old.removeAllListeners('exit');
  old.once('exit', () => startElectron());
  old.kill();
}

let timer = null;
watch(outDir, () => {
  clearTimeout(timer);
  timer = setTimeout(restartElectron, 300);
});

async function shutdown(code) {
  stopping = true;
  if (child) child.kill();
  await watcher.close();
  await server.close();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

startElectron();
