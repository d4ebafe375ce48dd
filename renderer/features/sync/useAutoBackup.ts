import { useEffect } from 'react';
import { getPlatform } from '../../platform';
import { useSessionStore } from '../../store/sessionStore';
import { AUTO_BACKUP_INTERVAL_MS, autoBackup } from './backupService';

/** Desktop: back up to the app's backup folder at start and every 10 minutes when data changed. */
export function useAutoBackup(): void {
  const session = useSessionStore((s) => s.session);
  useEffect(() => {
    if (!session || !getPlatform().backups) return;
    const run = () => autoBackup(session).catch((e) => console.warn('自动备份失败', e));
    const first = setTimeout(run, 30_000);
    const timer = setInterval(run, AUTO_BACKUP_INTERVAL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [session]);
}
