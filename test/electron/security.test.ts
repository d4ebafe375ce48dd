import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  handleWillNavigate,
  hardenWebContents,
  hardenedWebPreferences,
  isTrustedAppUrl,
  parseDevServerUrl,
  permissionCheckHandler,
  permissionRequestHandler,
  trustedOrigins,
  windowOpenHandler,
  withContentSecurityPolicy,
} from '../../electron/security';
import { APP_TITLE, mainWindowOptions } from '../../electron/window';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('main window', () => {
  const options = mainWindowOptions('/app/dist-electron/preload.cjs');
  const prefs = options.webPreferences!;

  it('uses the hardened web preferences, flag by flag', () => {
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).toEqual(hardenedWebPreferences('/app/dist-electron/preload.cjs'));
  });

  it('fits a 1366×768 laptop and never shrinks below 1024×680', () => {
    expect(options).toMatchObject({ width: 1366, height: 768, minWidth: 1024, minHeight: 680, title: '政务公开检查助手' });
    expect(APP_TITLE).toBe('政务公开检查助手');
  });
});

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('has every directive the app relies on', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows no eval, no inline script and no remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
  });

  it('relaxes only script-src and connect-src for the dev server', () => {
    const dev = directives(devContentSecurityPolicy('http://127.0.0.1:5173'));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
    expect(devContentSecurityPolicy('http://127.0.0.1:5173')).not.toContain('unsafe-eval');
  });

  it('replaces any CSP header a response brings, whatever its case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('navigation', () => {
  const navigate = (url: string, origins?: readonly string[]) => {
    const event = { preventDefault: vi.fn() };
    const allowed = handleWillNavigate(event, url, origins);
    return { allowed, prevented: event.preventDefault.mock.calls.length > 0 };
  };

  it.each([
    'https://example.com/',
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://other/index.html',
    'app://bundle:8080/index.html',
    'app://user@bundle/index.html',
    'chrome://settings',
    '',
    'not a url',
  ])('prevents %s', (url) => {
    expect(navigate(url)).toEqual({ allowed: false, prevented: true });
  });

  it.each(['app://bundle/index.html', 'app://bundle/index.html#/findings', 'app://BUNDLE/', 'app://bundle/sub/page.html?x=1'])(
    'allows %s inside the app',
    (url) => {
      expect(navigate(url)).toEqual({ allowed: true, prevented: false });
    },
  );

  it('trusts the loopback dev server only when it is the configured one', () => {
    const origins = trustedOrigins(parseDevServerUrl('http://127.0.0.1:5173/'));
    expect(navigate('http://127.0.0.1:5173/#/x', origins).allowed).toBe(true);
    expect(navigate('http://127.0.0.1:5174/', origins).allowed).toBe(false);
    expect(navigate('http://127.0.0.1:5173/').allowed).toBe(false);
  });

  it('ignores a dev server URL that is not on loopback', () => {
    expect(parseDevServerUrl('http://evil.example.com:5173/')).toBeNull();
    expect(parseDevServerUrl('file:///tmp/index.html')).toBeNull();
    expect(parseDevServerUrl('garbage')).toBeNull();
    expect(parseDevServerUrl(undefined)).toBeNull();
    expect(parseDevServerUrl('http://localhost:5173/')?.origin).toBe('http://localhost:5173');
  });

  it('denies every new window', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });

  it('wires the policy into every web contents', () => {
    const listeners = new Map<string, (...args: never[]) => void>();
    let openHandler: (() => { action: 'deny' }) | null = null;
    const contents = {
      on: vi.fn((name: string, listener: (...args: never[]) => void) => listeners.set(name, listener)),
      setWindowOpenHandler: vi.fn((h: () => { action: 'deny' }) => {
        openHandler = h;
      }),
    };
    hardenWebContents(contents as never);

    const external = { preventDefault: vi.fn(), url: 'https://example.com/' };
    (listeners.get('will-navigate') as (e: unknown, url: string) => void)(external, external.url);
    expect(external.preventDefault).toHaveBeenCalled();

    const internal = { preventDefault: vi.fn(), url: 'app://bundle/index.html#/a' };
    (listeners.get('will-navigate') as (e: unknown, url: string) => void)(internal, internal.url);
    expect(internal.preventDefault).not.toHaveBeenCalled();

    const redirect = { preventDefault: vi.fn() };
    (listeners.get('will-redirect') as (e: unknown, url: string) => void)(redirect, 'http://example.com/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = { preventDefault: vi.fn() };
    (listeners.get('will-attach-webview') as (e: unknown) => void)(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(openHandler!()).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  const appPage = { getURL: () => 'app://bundle/index.html' };
  const request = (
    permission: string,
    details: { mediaTypes?: Array<'video' | 'audio'>; securityOrigin?: string; requestingUrl?: string },
    contents = appPage,
  ) => {
    const callback = vi.fn();
    permissionRequestHandler(contents, permission, callback, details);
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0][0] as boolean;
  };

  it('grants the camera to the app', () => {
    expect(request('media', { mediaTypes: ['video'], securityOrigin: `${APP_ORIGIN}/` })).toBe(true);
    expect(request('media', { mediaTypes: ['video'], requestingUrl: 'app://bundle/index.html#/photos' })).toBe(true);
  });

  it('refuses the microphone, camera with microphone, and unspecified media', () => {
    expect(request('media', { mediaTypes: ['audio'], securityOrigin: APP_ORIGIN })).toBe(false);
    expect(request('media', { mediaTypes: ['video', 'audio'], securityOrigin: APP_ORIGIN })).toBe(false);
    expect(request('media', { mediaTypes: [], securityOrigin: APP_ORIGIN })).toBe(false);
    expect(request('media', { securityOrigin: APP_ORIGIN })).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'midiSysex', 'openExternal', 'hid', 'usb'])(
    'refuses %s',
    (permission) => {
      expect(request(permission, { mediaTypes: ['video'], securityOrigin: APP_ORIGIN })).toBe(false);
    },
  );

  it('refuses the camera to a foreign origin', () => {
    expect(request('media', { mediaTypes: ['video'], securityOrigin: 'https://example.com' })).toBe(false);
    expect(request('media', { mediaTypes: ['video'] }, { getURL: () => 'https://example.com/' })).toBe(false);
    expect(request('media', { mediaTypes: ['video'], requestingUrl: 'file:///C:/x.html' })).toBe(false);
  });

  it('answers permission checks by the same rule', () => {
    expect(permissionCheckHandler(appPage, 'media', APP_ORIGIN, { mediaType: 'video' })).toBe(true);
    expect(permissionCheckHandler(appPage, 'media', APP_ORIGIN, { mediaType: 'audio' })).toBe(false);
    expect(permissionCheckHandler(appPage, 'media', APP_ORIGIN, { mediaType: 'unknown' })).toBe(false);
    expect(permissionCheckHandler(appPage, 'media', 'https://example.com', { mediaType: 'video' })).toBe(false);
    expect(permissionCheckHandler(appPage, 'geolocation', APP_ORIGIN, {})).toBe(false);
    expect(permissionCheckHandler(null, 'notifications', APP_ORIGIN, {})).toBe(false);
  });

  it('recognises only the app origin as trusted', () => {
    expect(isTrustedAppUrl('app://bundle/x')).toBe(true);
    expect(isTrustedAppUrl('app://bundle.evil/x')).toBe(false);
    expect(isTrustedAppUrl('https://bundle/x')).toBe(false);
  });
});
