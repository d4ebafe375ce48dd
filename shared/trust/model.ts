import { z } from 'zod';

/**
 * The office's team identity: members with roles, their laptops (devices) with
 * public keys, signed as a whole (the roster) by the office key. A laptop that
 * holds a roster checks every bundle, entry and notice signature against it.
 */

export const ROLES = ['admin', 'lead', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', lead: '组长', inspector: '检查员' };

const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/).max(2000);

/** A P-256 public key as JWK (ECDSA for signing, ECDH for receiving wrapped keys). */
export const publicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: b64,
  y: b64,
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;

export const memberSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(50),
  role: z.enum(ROLES),
  /** 检查组, e.g. 第一检查组. */
  team: z.string().max(50).default(''),
});
export type Member = z.infer<typeof memberSchema>;

export const deviceSchema = z.object({
  /** The laptop's device id (the same id its change entries carry). */
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(50),
  memberId: z.string().min(1).max(100),
  signKey: publicJwkSchema,
  boxKey: publicJwkSchema,
  enrolledAt: z.string(),
  /** Set when the laptop was lost or retired: nothing it signs is accepted any more. */
  revokedAt: z.string().nullable().default(null),
});
export type Device = z.infer<typeof deviceSchema>;

export const rosterSchema = z.object({
  format: z.literal('zwgk-roster'),
  officeId: z.string().min(1).max(100),
  officeName: z.string().trim().min(1).max(100),
  /** Grows by one with every change; a laptop applies only a newer roster of its office. */
  version: z.number().int().positive(),
  issuedAt: z.string(),
  officeKey: publicJwkSchema,
  members: z.array(memberSchema).max(500),
  devices: z.array(deviceSchema).max(2000),
});
export type Roster = z.infer<typeof rosterSchema>;

export const signedRosterSchema = z.object({ roster: rosterSchema, sig: b64 });
export type SignedRoster = z.infer<typeof signedRosterSchema>;

/** 入网申请: what a new laptop hands the 管理员 (self-signed: proves it holds the private key). */
export const joinRequestSchema = z.object({
  format: z.literal('zwgk-join-request'),
  deviceId: z.string().min(1).max(100),
  deviceName: z.string().trim().min(1).max(50),
  signKey: publicJwkSchema,
  boxKey: publicJwkSchema,
  createdAt: z.string(),
  sig: b64,
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** The office data key wrapped for one device: ECDH with an ephemeral key, HKDF-SHA-256, AES-GCM key wrap. */
export const wrappedKeySchema = z.object({
  alg: z.literal('ECDH-ES+HKDF-SHA256+A256GCM'),
  epk: publicJwkSchema,
  salt: b64,
  iv: b64,
  ct: b64,
});
export type WrappedKey = z.infer<typeof wrappedKeySchema>;

/** 入网文件: what the 管理员 hands the new laptop. */
export const enrolmentFileSchema = z.object({
  format: z.literal('zwgk-enrolment'),
  deviceId: z.string().min(1).max(100),
  roster: signedRosterSchema,
  dataKey: wrappedKeySchema,
});
export type EnrolmentFile = z.infer<typeof enrolmentFileSchema>;

/** The office key (signing key and data key), encrypted under the 管理员's passphrase: kept on the laptop and exported for safekeeping. */
export const officeSecretFileSchema = z.object({
  format: z.literal('zwgk-office-key'),
  officeId: z.string().min(1).max(100),
  officeName: z.string().max(100),
  kdf: z.object({ name: z.literal('PBKDF2'), hash: z.literal('SHA-256'), iterations: z.number().int().min(100_000), salt: b64 }),
  iv: b64,
  ct: b64,
  /** The roster when the file was exported (signed by the office key; not secret), so a restore knows the office's laptops. */
  roster: signedRosterSchema.optional(),
});
export type OfficeSecretFile = z.infer<typeof officeSecretFileSchema>;

/** Who signed something, as enrolled: 张三 · 第一检查组 · 张三的笔记本. */
export interface Signer {
  officeName: string;
  member: Member;
  device: Device;
}

export function signerLabel(s: Pick<Signer, 'member' | 'device'>): string {
  return [s.member.name, s.member.team, s.device.name].filter(Boolean).join(' · ');
}
