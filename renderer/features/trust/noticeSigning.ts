import type { NoticeRecord } from '../../../shared/documents/notice';
import type { Notice } from '../../../shared/domain/findings';
import { memberOf } from '../../../shared/trust/office';
import { signNotice, verifyNoticeQr, type NoticeCheck } from '../../../shared/trust/noticeSignature';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { deviceKeys } from './officeKeys';
import { trustStore } from './trustStore';

/**
 * A notice just numbered is signed by this laptop (number and content hash),
 * so its QR code proves who issued it. A laptop outside an office leaves it unsigned.
 */
export async function signIssuedNotice(db: InspectorDatabase, logger: ChangeLogger, notice: NoticeRecord): Promise<NoticeRecord> {
  const roster = await trustStore(db).roster();
  if (!roster || !memberOf(roster.roster, logger.deviceId)) return notice;
  const keys = await deviceKeys(db);
  const issuerSignature = await signNotice(keys.signPrivate, logger.deviceId, notice.number, notice.contentHash);
  const signed = await logger.patch<Notice>(db.notices, notice.id, { issuerSignature });
  return { ...notice, ...signed };
}

/** 验证: a scanned or pasted QR text checked against this laptop's roster. */
export async function checkNoticeText(db: InspectorDatabase, text: string): Promise<NoticeCheck> {
  return verifyNoticeQr(text, (await trustStore(db).roster())?.roster ?? null);
}
