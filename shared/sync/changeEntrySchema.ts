import { z } from 'zod';

/**
 * The shape of a change entry (shared/domain/changeLog.ts) wherever one comes
 * in from outside: a backup, a sync bundle, the office server. Each of those
 * narrows it where it knows more (the tables a bundle may carry, how many
 * heads the server relays); what an entry may say about a row is checked
 * afterwards, field by field (entrySchemas.ts).
 */
export const changeEntrySchema = z.object({
  id: z.string().min(1).max(200),
  hlc: z.string().regex(/^\d{13}-\d{5}-.+$/).max(200),
  table: z.string().min(1).max(60),
  rowId: z.string().min(1).max(200),
  field: z.string().min(1).max(100),
  value: z.unknown(),
  author: z.string().max(100),
  deviceId: z.string().min(1).max(100),
  /** The heads this entry replaces (shared/sync/hlc.ts). */
  prev: z.array(z.string().max(200)).optional(),
  /** The author laptop's signature (laptops in an office). */
  sig: z.string().max(200).optional(),
});
