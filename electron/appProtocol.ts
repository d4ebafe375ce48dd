/**
 * The `app://bundle/` protocol: serves the built renderer (./dist) to the
 * window. Pure: the file system is injected, the result is a web Response, so
 * the same function is registered with `protocol.handle` and tested in Node.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

export interface StaticFs {
  readFile(file: string): Promise<Uint8Array>;
  stat(file: string): Promise<{ isFile(): boolean }>;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Fonts and content-hashed assets never change under the same URL. */
const IMMUTABLE_PREFIXES = ['fonts/', 'assets/'];
const LONG_CACHE = 'public, max-age=31536000, immutable';

/**
 * Maps an app:// URL to a file inside `distDir`, or null when the URL is not
 * ours or would leave the folder (`..`, encoded separators, NUL bytes).
 */
export function resolveAppPath(distDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return null;
  const root = path.resolve(distDir);
  const full = path.resolve(root, relative);
  const inside = path.relative(root, full);
  if (inside === '' || inside.split(path.sep)[0] === '..' || path.isAbsolute(inside)) return null;
  return full;
}

function baseHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

function notFound(csp: string): Response {
  return new Response('未找到请求的资源', {
    status: 404,
    headers: { ...baseHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export interface AppProtocolOptions {
  distDir: string;
  fs: StaticFs;
  csp?: string;
}

export type AppProtocolHandler = (request: { url: string; method?: string }) => Promise<Response>;

export function createAppProtocolHandler({ distDir, fs, csp = CONTENT_SECURITY_POLICY }: AppProtocolOptions): AppProtocolHandler {
  const root = path.resolve(distDir);
  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...baseHeaders(csp), Allow: 'GET, HEAD' } });
    }
    const file = resolveAppPath(root, request.url);
    if (!file) return notFound(csp);
    let body: Uint8Array;
    try {
      if (!(await fs.stat(file)).isFile()) return notFound(csp);
      body = await fs.readFile(file);
    } catch {
      return notFound(csp);
    }
    const relative = path.relative(root, file).split(path.sep).join('/');
    const headers = {
      ...baseHeaders(csp),
      'Content-Type': mimeTypeOf(file),
      'Content-Length': String(body.byteLength),
      'Cache-Control': IMMUTABLE_PREFIXES.some((p) => relative.startsWith(p)) ? LONG_CACHE : 'no-cache',
    };
    return new Response(method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}
