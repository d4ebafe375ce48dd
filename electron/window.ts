import type { BrowserWindowConstructorOptions } from 'electron';
import { hardenedWebPreferences } from './security';

export const APP_TITLE = '政务公开检查助手';

/** The main window: sized for a 1366×768 laptop, never smaller than 1024×680. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 680,
    title: APP_TITLE,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}
