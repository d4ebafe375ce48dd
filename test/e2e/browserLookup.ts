import { existsSync } from 'node:fs';
import { delimiter, join, win32 } from 'node:path';

// Which browser the e2e tests drive. Kept apart from browser.ts (playwright,
// vitest's inject) so that the e2e global setup can stop before building when
// there is none.

/** Where Chromium-family browsers are installed, in order of preference. */
export function browserCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const fromEnv = [env.CHROME_PATH, env.CHROMIUM_PATH].filter((p): p is string => !!p);
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((p): p is string => !!p);
    return [
      ...fromEnv,
      ...roots.flatMap((r) => [win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), win32.join(r, 'Chromium', 'Application', 'chrome.exe')]),
    ];
  }
  if (platform === 'darwin') {
    return [...fromEnv, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(delimiter).filter(Boolean), '/snap/bin'];
  return [...fromEnv, ...names.flatMap((n) => dirs.map((d) => join(d, n)))];
}

/** The one line that installs a browser the tests can drive. */
export const INSTALL_HINT: Readonly<Record<string, string>> = {
  linux: 'sudo apt-get install -y chromium fonts-noto-cjk poppler-utils',
  win32: 'winget install -e --id Google.Chrome',
  darwin: 'brew install --cask chromium',
};

/** The first Chromium-family browser present; stops with the install line when there is none. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, exists: (p: string) => boolean = existsSync): string {
  const found = browserCandidates(env, platform).find((p) => exists(p));
  if (found) return found;
  throw new Error(`No Chromium, Chrome or Edge found (set CHROME_PATH to use another). Install one with: ${INSTALL_HINT[platform] ?? INSTALL_HINT.linux}`);
}
