/**
 * Security policy of the main process, as pure functions.
 *
 * Nothing here imports Electron at run time: main.ts passes the real objects
 * in, and the tests pass fakes. The app is served from `app://bundle/` (and in
 * development from the Vite dev server on loopback); every other origin is
 * foreign. The product opens nothing outside itself, so a foreign navigation
 * or window is simply refused, never handed to the system browser.
 */
import type { WebPreferences } from 'electron';

// The renderer's IndexedDB belongs to this origin: changing the scheme or the
// host would hide every user's data. Never change them.
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges of the custom scheme; registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  codeCache: true,
} as const;

/** Origins trusted in production: only the bundled renderer. */
export const PRODUCTION_ORIGINS: readonly string[] = [APP_ORIGIN];

/** Web preferences of every window that shows the renderer. */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // antd generates its styles at run time (CSS-in-JS) and inserts <style> tags.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['worker-src', "'self' blob:"],
  ['connect-src', "'self'"],
  ['media-src', "'self' blob: mediastream:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

function serializeCsp(directives: ReadonlyArray<readonly [string, string]>): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The production Content-Security-Policy (no eval, no remote host). */
export const CONTENT_SECURITY_POLICY = serializeCsp(CSP_DIRECTIVES);

/**
 * Development only: the Vite dev server injects an inline module script
 * (React Fast Refresh preamble) and talks to the page over a WebSocket.
 */
export function devContentSecurityPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return serializeCsp(
    CSP_DIRECTIVES.map(([name, value]): readonly [string, string] => {
      if (name === 'script-src') return [name, `${value} 'unsafe-inline'`];
      if (name === 'connect-src') return [name, `${value} ${ws}`];
      return [name, value];
    }),
  );
}

/**
 * Accepts only a loopback http(s) URL for the dev server; anything else is
 * ignored so that an environment variable cannot point the app at a remote site.
 */
export function parseDevServerUrl(raw: string | undefined): URL | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
  return url;
}

/** The trusted origins: the app scheme, plus the dev server in development. */
export function trustedOrigins(devServer: URL | null): readonly string[] {
  return devServer ? [APP_ORIGIN, devServer.origin] : PRODUCTION_ORIGINS;
}

/**
 * Node's URL gives non-special schemes an opaque origin ("null"), so the
 * origin is rebuilt from protocol and host, the way Chromium sees a standard
 * scheme.
 */
function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.port ? null : `${APP_SCHEME}://${parsed.host.toLowerCase()}`;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  return null;
}

export function isTrustedAppUrl(url: string, origins: readonly string[] = PRODUCTION_ORIGINS): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

interface PreventableEvent {
  preventDefault(): void;
}

/**
 * `will-navigate` / `will-redirect`: stay inside the app, refuse everything
 * else (external sites, file://, javascript:, data:). Returns whether the
 * navigation may go on.
 */
export function handleWillNavigate(
  event: PreventableEvent,
  url: string,
  origins: readonly string[] = PRODUCTION_ORIGINS,
): boolean {
  if (isTrustedAppUrl(url, origins)) return true;
  event.preventDefault();
  return false;
}

/** `setWindowOpenHandler`: the app never opens a second window or a browser. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** `will-attach-webview`: the app has no <webview>. */
export function handleWillAttachWebview(event: PreventableEvent): void {
  event.preventDefault();
}

interface WebContentsLike {
  getURL(): string;
}

interface PermissionRequestDetails {
  requestingUrl?: string;
  securityOrigin?: string;
  mediaTypes?: ReadonlyArray<'video' | 'audio'>;
}

/** The requester's origin as Electron reports it, falling back to the page URL. */
function requesterUrl(webContents: WebContentsLike | null, details: PermissionRequestDetails | undefined): string {
  return details?.securityOrigin || details?.requestingUrl || webContents?.getURL() || '';
}

/**
 * `session.setPermissionRequestHandler`: the only permission the app asks
 * for is the camera (photographing evidence), from its own pages. Microphone,
 * location, notifications and the rest are refused.
 */
export function permissionRequestHandler(
  webContents: WebContentsLike | null,
  permission: string,
  callback: (granted: boolean) => void,
  details?: PermissionRequestDetails,
  origins: readonly string[] = PRODUCTION_ORIGINS,
): void {
  callback(isCameraRequest(permission, details?.mediaTypes) && isTrustedAppUrl(requesterUrl(webContents, details), origins));
}

function isCameraRequest(permission: string, mediaTypes: ReadonlyArray<string> | undefined): boolean {
  if (permission !== 'media') return false;
  if (!mediaTypes || mediaTypes.length === 0) return false;
  return mediaTypes.every((t) => t === 'video');
}

interface PermissionCheckDetails {
  requestingUrl?: string;
  securityOrigin?: string;
  mediaType?: 'video' | 'audio' | 'unknown';
}

/** `session.setPermissionCheckHandler`: same rule as the request handler. */
export function permissionCheckHandler(
  webContents: WebContentsLike | null,
  permission: string,
  requestingOrigin: string,
  details?: PermissionCheckDetails,
  origins: readonly string[] = PRODUCTION_ORIGINS,
): boolean {
  if (permission !== 'media' || details?.mediaType !== 'video') return false;
  const url = requestingOrigin || requesterUrl(webContents, details);
  return isTrustedAppUrl(url, origins);
}

/** The subset of WebContents the hardening needs; the real one fits. */
export interface HardenableWebContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent & { url?: string }, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent & { url?: string }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/** Applied to every WebContents the app creates (`web-contents-created`). */
export function hardenWebContents(contents: HardenableWebContents, origins: readonly string[] = PRODUCTION_ORIGINS): void {
  contents.on('will-navigate', (event, url) => {
    handleWillNavigate(event, event.url ?? url, origins);
  });
  contents.on('will-redirect', (event, url) => {
    handleWillNavigate(event, event.url ?? url, origins);
  });
  contents.on('will-attach-webview', handleWillAttachWebview);
  contents.setWindowOpenHandler(windowOpenHandler);
}

type HeaderMap = Record<string, string | string[]>;

/**
 * `session.webRequest.onHeadersReceived`: puts the app's CSP on every
 * response, replacing any CSP header already there (whatever its case).
 */
export function withContentSecurityPolicy(headers: HeaderMap | undefined, csp: string = CONTENT_SECURITY_POLICY): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
