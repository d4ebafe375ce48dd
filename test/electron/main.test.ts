import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/desktopApi';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

// main.ts against a recording stand-in for Electron's main-process modules.
const h = vi.hoisted(() => {
  const state = {
    events: [] as string[],
    lock: true,
    isPackaged: true,
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    windows: [] as Array<{ options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn>; listeners: Map<string, () => void> }>,
    ipcChannels: [] as string[],
    protocolHandlers: new Map<string, (req: { url: string; method?: string }) => Promise<Response>>(),
    permissionRequest: null as null | ((...args: unknown[]) => void),
    headersListener: null as null | ((details: unknown, cb: (r: unknown) => void) => void),
    menuCleared: false,
    ready: null as null | (() => void),
  };
  return { state };
});

vi.mock('electron', () => {
  const { state } = h;
  class BrowserWindow {
    readonly listeners = new Map<string, () => void>();
    readonly loadURL = vi.fn(async () => undefined);
    constructor(readonly options: Record<string, unknown>) {
      state.events.push('window');
      state.windows.push(this);
    }
    once(event: string, listener: () => void) {
      this.listeners.set(event, listener);
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
    }
    isDestroyed() {
      return false;
    }
  }
  const ses = () => ({
    setPermissionRequestHandler: (fn: (...args: unknown[]) => void) => {
      state.permissionRequest ??= fn;
    },
    setPermissionCheckHandler: vi.fn(),
    webRequest: {
      onHeadersReceived: (fn: (details: unknown, cb: (r: unknown) => void) => void) => {
        state.headersListener = fn;
      },
    },
  });
  const defaultSession = ses();
  return {
    app: {
      get isPackaged() {
        return state.isPackaged;
      },
      requestSingleInstanceLock: () => {
        state.events.push('lock');
        return state.lock;
      },
      quit: () => state.events.push('quit'),
      on: (event: string, listener: (...args: unknown[]) => void) => state.appListeners.set(event, listener),
      whenReady: () => {
        state.events.push('whenReady');
        return new Promise<void>((resolve) => {
          state.ready = resolve;
        });
      },
      getPath: (name: string) => `/fake/${name}`,
      getVersion: () => '9.9.9',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => {
        state.events.push(`registerScheme:${schemes.map((s) => s.scheme).join()}`);
        expect(schemes[0].privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, stream: true });
      },
      handle: (scheme: string, fn: (req: { url: string }) => Promise<Response>) => state.protocolHandlers.set(scheme, fn),
    },
    session: { defaultSession, fromPartition: () => ses() },
    ipcMain: { handle: (channel: string) => state.ipcChannels.push(channel) },
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
    Menu: {
      setApplicationMenu: () => {
        state.menuCleared = true;
      },
    },
    BrowserWindow,
  };
});

const { state } = h;

async function start(options: { lock?: boolean; isPackaged?: boolean; devUrl?: string } = {}) {
  state.events = [];
  state.lock = options.lock ?? true;
  state.isPackaged = options.isPackaged ?? true;
  state.appListeners.clear();
  state.windows = [];
  state.ipcChannels = [];
  state.protocolHandlers.clear();
  state.permissionRequest = null;
  state.headersListener = null;
  state.menuCleared = false;
  state.ready = null;
  if (options.devUrl) vi.stubEnv('VITE_DEV_SERVER_URL', options.devUrl);
  vi.resetModules();
  await import('../../electron/main');
}

async function becomeReady() {
  state.ready?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  vi.unstubAllEnvs();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('main process start-up', () => {
  it('a second instance quits without opening a window or registering anything', async () => {
    await start({ lock: false });
    expect(state.events).toContain('quit');
    expect(state.events).not.toContain('whenReady');
    expect(state.appListeners.size).toBe(0);
    expect(state.windows).toEqual([]);
    expect(state.ipcChannels).toEqual([]);
  });

  it('registers the app scheme before anything else, then waits for ready', async () => {
    await start();
    expect(state.events.slice(0, 3)).toEqual(['registerScheme:app', 'lock', 'whenReady']);
    expect(state.windows).toEqual([]);
    expect([...state.appListeners.keys()].sort()).toEqual(['second-instance', 'web-contents-created', 'window-all-closed']);
  });

  it('when ready: serves app://, wires IPC and security, and opens the hardened window on the app', async () => {
    await start();
    await becomeReady();

    expect(state.ipcChannels.sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(state.protocolHandlers.has('app')).toBe(true);
    expect(state.menuCleared).toBe(true);

    const [win] = state.windows;
    expect(win.options).toMatchObject({ width: 1366, height: 768, minWidth: 1024, minHeight: 680, title: '政务公开检查助手' });
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('app://bundle/index.html');

    // The CSP goes on every response of the session.
    let headers: unknown;
    state.headersListener!({ responseHeaders: {} }, (r) => (headers = r));
    expect(headers).toEqual({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    // The permission handler of the session refuses a foreign page.
    const granted = vi.fn();
    state.permissionRequest!({ getURL: () => 'https://example.com/' }, 'media', granted, { mediaTypes: ['video'], securityOrigin: 'https://example.com' });
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('hardens every web contents the app creates', async () => {
    await start();
    const on = vi.fn();
    const setWindowOpenHandler = vi.fn();
    state.appListeners.get('web-contents-created')!({}, { on, setWindowOpenHandler });
    expect(on.mock.calls.map((c) => c[0]).sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(setWindowOpenHandler).toHaveBeenCalled();
  });

  it('loads the dev server only when unpackaged and the URL is on loopback', async () => {
    await start({ isPackaged: false, devUrl: 'http://127.0.0.1:5173/' });
    await becomeReady();
    expect(state.windows[0].loadURL).toHaveBeenCalledWith('http://127.0.0.1:5173/');
    expect(state.menuCleared).toBe(false);

    await start({ isPackaged: true, devUrl: 'http://127.0.0.1:5173/' });
    await becomeReady();
    expect(state.windows[0].loadURL).toHaveBeenCalledWith('app://bundle/index.html');

    await start({ isPackaged: false, devUrl: 'https://example.com/' });
    await becomeReady();
    expect(state.windows[0].loadURL).toHaveBeenCalledWith('app://bundle/index.html');
  });
});
