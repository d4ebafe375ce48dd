import type { AppInfo } from '../../shared/ipc/desktopApi';

export interface AppInfoDeps {
  version: string;
  platform: string;
  userDataDir: string;
  backupDir: string;
}

export function appInfo(deps: AppInfoDeps): AppInfo {
  return { version: deps.version, platform: deps.platform, dataDir: deps.userDataDir, backupDir: deps.backupDir };
}
