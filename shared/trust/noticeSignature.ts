import { z } from 'zod';
import { signValue, verifyValue } from './keys';
import { memberOf } from './office';
import { signerLabel, type Roster } from './model';

/**
 * The notice's QR code: number and content hash, signed by the laptop that
 * issued it. The 验证 screen reads the text back and checks the signature
 * against the roster: 有效 (and who issued it) or 无效 (and why).
 */

export const noticeSignatureSchema = z.object({ deviceId: z.string().min(1).max(100), sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/) });
export type NoticeSignature = z.infer<typeof noticeSignatureSchema>;

const body = (number: string, contentHash: string) => ({ kind: 'zwgk-notice', number, contentHash });

export async function signNotice(key: CryptoKey, deviceId: string, number: string, contentHash: string): Promise<NoticeSignature> {
  return { deviceId, sig: await signValue(key, body(number, contentHash)) };
}

const PREFIX = '整改通知书';

/** The QR text: `整改通知书|number|SHA-256:hash` and, when signed, `|签发:deviceId|签名:sig`. */
export function noticeQrPayload(number: string, contentHash: string, signature?: NoticeSignature | null): string {
  const base = `${PREFIX}|${number}|SHA-256:${contentHash}`;
  return signature ? `${base}|签发:${signature.deviceId}|签名:${signature.sig}` : base;
}

export interface NoticeCheck {
  valid: boolean;
  number?: string;
  contentHash?: string;
  /** Who issued it, as enrolled: 李华 · 第一检查组 · 李华的笔记本. */
  issuer?: string;
  /** Why not valid, in words. */
  reason?: string;
}

/** Checks a scanned or pasted QR text against the roster. */
export async function verifyNoticeQr(text: string, roster: Roster | null): Promise<NoticeCheck> {
  const parts = text.trim().split('|');
  if (parts[0] !== PREFIX || parts.length < 3 || !parts[2].startsWith('SHA-256:')) return { valid: false, reason: '这不是整改通知书的核验码' };
  const number = parts[1];
  const contentHash = parts[2].slice('SHA-256:'.length);
  if (!/^[0-9a-f]{64}$/.test(contentHash)) return { valid: false, number, reason: '核验码中的内容摘要格式不正确' };
  const signed = parts.length === 5 && parts[3].startsWith('签发:') && parts[4].startsWith('签名:');
  if (!signed) return { valid: false, number, contentHash, reason: '核验码没有签发电脑的签名（本软件早期版本或单机使用时签发），只能与数据核对内容摘要' };
  const sig = noticeSignatureSchema.safeParse({ deviceId: parts[3].slice(3), sig: parts[4].slice(3) });
  if (!sig.success) return { valid: false, number, contentHash, reason: '签名格式不正确' };
  if (!roster) return { valid: false, number, contentHash, reason: '本机尚未加入办公室，无法核对签发人' };
  const who = memberOf(roster, sig.data.deviceId);
  if (!who) return { valid: false, number, contentHash, reason: `签发电脑不在「${roster.officeName}」的人员名单中` };
  if (!(await verifyValue(who.device.signKey, body(number, contentHash), sig.data.sig))) return { valid: false, number, contentHash, reason: '签名与文号或内容摘要不符：通知书被改动或系伪造' };
  const issuer = signerLabel(who);
  if (who.device.revokedAt && who.device.revokedAt < new Date().toISOString()) {
    return { valid: true, number, contentHash, issuer, reason: `签发电脑已于 ${who.device.revokedAt.slice(0, 10)} 吊销，请核实签发日期` };
  }
  return { valid: true, number, contentHash, issuer };
}
