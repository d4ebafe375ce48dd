import { Alert } from 'antd';
import type { CSSProperties } from 'react';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { fullBackupState } from './backupState';

/**
 * Red until the daily full backup (with photos) succeeds again: the backup is
 * never silently reduced to data only. Shown in 设置 and 工作台.
 */
export function FullBackupAlert({ style }: { style?: CSSProperties }) {
  const session = useSession();
  const state = useLiveQuery(() => fullBackupState(session.db), [session.db]);
  if (!getPlatform().backups || !state?.problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      data-testid="full-backup-alert"
      title="每日完整备份（含照片）未能完成"
      description={`${dayjs(state.problem.at).format('M月D日 HH:mm')}：${state.problem.message}。检查数据仍按时备份，但照片未备份${
        state.lastOkAt ? `；最近一次完整备份在 ${dayjs(state.lastOkAt).format('YYYY年M月D日 HH:mm')}` : '；尚无完整备份'
      }。请检查磁盘空间，或到「同步与备份」点击「立即备份」保存到其他磁盘。`}
    />
  );
}
