import { App } from 'antd';
import { useEffect } from 'react';
import { getPlatform, userMessage } from '../../platform';
import { useSessionStore } from '../../store/sessionStore';
import { AUTO_BACKUP_INTERVAL_MS, autoBackup } from './backupService';

/** Desktop: back up to the app's backup folder at start and every 10 minutes when data changed. */
export function useAutoBackup(): void {
  const session = useSessionStore((s) => s.session);
  const { notification } = App.useApp();
  useEffect(() => {
    if (!session || !getPlatform().backups) return;
    // A failed automatic backup is said on screen (until closed), with its cause and what to do.
    const run = () =>
      autoBackup(session).catch((e: unknown) =>
        notification.error({ key: 'auto-backup', title: '自动备份失败', description: userMessage(e), duration: 0 }),
      );
    const first = setTimeout(run, 30_000);
    const timer = setInterval(run, AUTO_BACKUP_INTERVAL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [session, notification]);
}
