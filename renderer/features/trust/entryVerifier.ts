import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import { entryBody, type SignedEntry } from '../../../shared/trust/bundleTrust';
import { verifyValue } from '../../../shared/trust/keys';
import { memberOf } from '../../../shared/trust/office';
import type { InspectorDatabase } from '../../db/database';
import { trustStore } from './trustStore';

/**
 * Checks one stored change against the roster, for the audit trail: true when
 * it carries a valid signature of an enrolled laptop whose member is its author;
 * false when the signature fails or names someone else; null when it cannot be
 * checked (a laptop in no office, or a change not yet signed: this laptop signs
 * its own changes when it packs a bundle).
 */
export async function verifyStoredEntry(db: InspectorDatabase, entry: ChangeLogEntry): Promise<boolean | null> {
  const sig = (entry as SignedEntry).sig;
  if (!sig) return null;
  const roster = await trustStore(db).roster();
  if (!roster) return null;
  const who = memberOf(roster.roster, entry.deviceId);
  if (!who) return false;
  if (entry.author !== '' && entry.author !== who.member.name) return false;
  return verifyValue(who.device.signKey, entryBody(entry), sig);
}
