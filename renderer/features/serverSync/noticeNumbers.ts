import { ServerSyncError } from '../../../shared/sync/server/client';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { clientFor } from './serverSync';
import { serverConfig } from './serverState';

/**
 * The next number of an issuer's series from the office sync server, when this
 * laptop is connected to one and it answers; null when no server is configured or
 * it cannot be reached (the laptop then numbers from its series or block as offline).
 * `taken` says whether a number is already on a notice here: such a number is never
 * given twice, so the server is asked again.
 */
export async function serverNoticeSeq(
  db: InspectorDatabase,
  logger: ChangeLogger,
  request: { issuer: string; year: number; noticeId: string },
  taken: (seq: number) => Promise<boolean>,
): Promise<number | null> {
  const config = await serverConfig(db);
  if (!config) return null;
  const client = clientFor(logger, config, { retry: { attempts: 1 } });
  try {
    for (let i = 0; i < 5; i++) {
      const { seq } = await client.noticeNumber(request);
      if (!(await taken(seq))) return seq;
    }
    throw new ServerSyncError('server', '服务器给出的文号在本机已被使用：请先同步，再编号下发');
  } catch (e) {
    if (e instanceof ServerSyncError && (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'certificate')) return null;
    throw e;
  }
}
