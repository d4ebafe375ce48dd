import { isLeadRole, memberOf } from '../../shared/trust/office';
import type { SignedRoster } from '../../shared/trust/model';
import type { InspectorDatabase } from './database';

/**
 * Whether this laptop's writer may settle merge conflicts by an ordinary edit
 * (the team lead's work). Kept per database so the change logger can ask inside
 * its transaction without reading other tables: loaded when the session opens
 * and refreshed whenever the trust feature stores a roster. Unknown (a laptop
 * in no office) answers yes, as a lone laptop does the lead's work.
 */
const inspectors = new WeakSet<InspectorDatabase>();

export function writerMayLead(db: InspectorDatabase): boolean {
  return !inspectors.has(db);
}

/** Sets the answer from a roster (the one just stored, or the stored one). */
export async function loadWriterRole(db: InspectorDatabase, roster?: SignedRoster | null): Promise<void> {
  const signed = roster !== undefined ? roster : (((await db.trust.get('roster'))?.value as SignedRoster | undefined) ?? null);
  const device = (await db.meta.get('device'))?.value as { deviceId?: string } | undefined;
  const who = signed && device?.deviceId ? memberOf(signed.roster, device.deviceId) : null;
  const lead = !who || (!who.device.revokedAt && isLeadRole(who.member.role));
  if (lead) inspectors.delete(db);
  else inspectors.add(db);
}
