/** The e2e runner's search for a Chromium-family browser (runs in Node, no browser started). */
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../e2e/browserLookup';

describe('finding a browser for the end-to-end tests', () => {
  it('prefers CHROME_PATH, then Debian chromium, chromium-browser and google-chrome', () => {
    const env = { PATH: '/usr/local/bin:/usr/bin' };
    expect(findBrowser({ ...env, CHROME_PATH: '/opt/edge/msedge' }, 'linux', (p) => p === '/opt/edge/msedge' || p === '/usr/bin/chromium')).toBe('/opt/edge/msedge');
    expect(findBrowser(env, 'linux', (p) => p === '/usr/bin/chromium' || p === '/usr/bin/google-chrome')).toBe('/usr/bin/chromium');
    expect(findBrowser(env, 'linux', (p) => p === '/usr/local/bin/chromium-browser')).toBe('/usr/local/bin/chromium-browser');
    expect(findBrowser(env, 'linux', (p) => p === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome');
  });

  it('finds Chrome or Edge in the Windows program folders', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    const edge = (p: string) => p === 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser(env, 'win32', edge)).toMatch(/msedge\.exe$/);
  });

  it('stops with the one line that installs a browser when there is none', () => {
    expect(() => findBrowser({ PATH: '/usr/bin' }, 'linux', () => false)).toThrow(
      'No Chromium, Chrome or Edge found (set CHROME_PATH to use another). Install one with: sudo apt-get install -y chromium fonts-noto-cjk poppler-utils',
    );
    expect(() => findBrowser({}, 'win32', () => false)).toThrow('Install one with: winget install -e --id Google.Chrome');
  });
});
