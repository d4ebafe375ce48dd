import { z } from 'zod';

/**
 * A laptop's inventory: which photos it holds and, per laptop that wrote
 * changes, the newest change it has. Given the receiver's inventory, a sync
 * bundle can leave out everything the receiver already has. Every bundle also
 * carries its sender's inventory, so the last bundle from a colleague is
 * enough to send them less next time.
 */
export const INVENTORY_FORMAT = 'zwgk-inspector-inventory';
export const INVENTORY_EXTENSION = 'zwgkinv';

export const inventorySchema = z.object({
  format: z.literal(INVENTORY_FORMAT),
  formatVersion: z.literal(1),
  deviceId: z.string().min(1).max(100),
  author: z.string().max(100),
  createdAt: z.string().max(40),
  /** deviceId → the greatest HLC of that laptop's changes held here. */
  heads: z.record(z.string().max(100), z.string().max(200)),
  /** SHA-256 of every photo whose stored copy is held here. */
  photos: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(1_000_000),
  /** SHA-256 of every original file held here. */
  originals: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(1_000_000).default([]),
});
export type Inventory = z.infer<typeof inventorySchema>;

export function buildInventory(
  who: { deviceId: string; author: string },
  changes: Iterable<{ deviceId: string; hlc: string }>,
  photoIds: Iterable<string>,
  originals: Iterable<string>,
  at: Date = new Date(),
): Inventory {
  const heads: Record<string, string> = {};
  for (const c of changes) if (!heads[c.deviceId] || c.hlc > heads[c.deviceId]) heads[c.deviceId] = c.hlc;
  const photos = [...new Set(photoIds)].filter((p) => /^[0-9a-f]{64}$/.test(p)).sort();
  return { format: INVENTORY_FORMAT, formatVersion: 1, deviceId: who.deviceId, author: who.author, createdAt: at.toISOString(), heads, photos, originals: [...new Set(originals)].sort() };
}

/** Parses an inventory file; throws with a Chinese message when it is not one. */
export function parseInventory(text: string): Inventory {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('该文件不是本软件的本机清单（不是有效的 JSON）');
  }
  const r = inventorySchema.safeParse(raw);
  if (!r.success) throw new Error('该文件不是本软件的本机清单，或已损坏');
  return r.data;
}

/**
 * Does the receiver already have this change? A laptop's changes reach others
 * whole (every bundle carries all it holds of each laptop up to its head), so
 * holding a head means holding everything of that laptop up to it.
 */
export function receiverHas(inv: Inventory, entry: { deviceId: string; hlc: string }): boolean {
  const head = inv.heads[entry.deviceId];
  return head !== undefined && entry.hlc <= head;
}
