import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, mimeTypeOf, resolveAppPath } from '../../electron/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

// A real folder: dist/ with the app, and a secret file beside it that no URL may reach.
let root: string;
let dist: string;
let handler: ReturnType<typeof createAppProtocolHandler>;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'zwgk-protocol-'));
  dist = path.join(root, 'dist');
  await fs.mkdir(path.join(dist, 'assets'), { recursive: true });
  await fs.mkdir(path.join(dist, 'fonts'), { recursive: true });
  await fs.writeFile(path.join(dist, 'index.html'), '<!doctype html><title>政务公开检查助手</title>');
  await fs.writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  await fs.writeFile(path.join(dist, 'assets', 'index-abc123.css'), 'body{}');
  await fs.writeFile(path.join(dist, 'assets', 'core.wasm'), new Uint8Array([0, 97, 115, 109]));
  await fs.writeFile(path.join(dist, 'fonts', 'NotoSansSC-Regular.ttf'), new Uint8Array([0, 1, 0, 0]));
  await fs.writeFile(path.join(dist, 'manifest.json'), '{}');
  await fs.writeFile(path.join(root, 'secret.txt'), 'TOP SECRET');
  await fs.writeFile(path.join(root, 'dist-secret.txt'), 'TOP SECRET');
  handler = createAppProtocolHandler({ distDir: dist, fs });
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handler({ url, method });

describe('app:// protocol', () => {
  it('serves index.html with the CSP header and an HTML type', async () => {
    for (const url of ['app://bundle/', 'app://bundle/index.html', 'app://bundle/index.html#/findings?x=1']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('政务公开检查助手');
    }
  });

  it.each([
    'app://bundle/../../etc/passwd',
    'app://bundle/../secret.txt',
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/..%2fsecret.txt',
    'app://bundle/assets/..%2f..%2fsecret.txt',
    'app://bundle/..%5csecret.txt',
    'app://bundle/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://bundle/index.html%00.js',
    'app://bundle/%E0%A4%A',
    'app://bundle/../dist-secret.txt',
    'app://bundle//etc/passwd',
  ])('refuses %s with 404 and reveals nothing', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('root:');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 for another host, a folder or a missing file', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://bundle/assets')).status).toBe(404);
    expect((await get('app://bundle/missing.js')).status).toBe(404);
  });

  it('resolves paths only inside dist', () => {
    expect(resolveAppPath(dist, 'app://bundle/assets/index-abc123.js')).toBe(path.join(dist, 'assets', 'index-abc123.js'));
    expect(resolveAppPath(dist, 'app://bundle/..%2fsecret.txt')).toBeNull();
    expect(resolveAppPath(dist, 'https://bundle/index.html')).toBeNull();
  });

  it.each([
    ['assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc123.css', 'text/css; charset=utf-8'],
    ['assets/core.wasm', 'application/wasm'],
    ['fonts/NotoSansSC-Regular.ttf', 'font/ttf'],
    ['manifest.json', 'application/json; charset=utf-8'],
  ])('serves %s as %s', async (file, type) => {
    const res = await get(`app://bundle/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    const onDisk = await fs.readFile(path.join(dist, file));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(onDisk));
  });

  it('knows the remaining types the renderer uses', () => {
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.PNG')).toBe('image/png');
    expect(mimeTypeOf('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
  });

  it('lets fonts be cached for a long time, but not index.html', async () => {
    const font = await get('app://bundle/fonts/NotoSansSC-Regular.ttf');
    expect(font.headers.get('cache-control')).toMatch(/max-age=31536000/);
    const index = await get('app://bundle/index.html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://bundle/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://bundle/index.html', 'POST')).status).toBe(405);
  });
});
