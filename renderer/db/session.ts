import type { DeviceIdentity, InspectorProfile } from '../../shared/domain/profile';
import { uuidv7 } from '../../shared/util/ids';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import { ChangeLogger, lastHlc } from './changeLogger';
import { InspectorDatabase } from './database';
import { loadWriterRole } from './writerRole';

/**
 * Everything a screen needs to read and write: the database, who is writing,
 * and the logger that stamps every write. Created once at start-up.
 */
export interface Session {
  db: InspectorDatabase;
  device: DeviceIdentity;
  profile: InspectorProfile | null;
  logger: ChangeLogger;
}

const META_DEVICE = 'device';
const META_PROFILE = 'profile';

export async function openSession(db: InspectorDatabase = new InspectorDatabase(), now: () => number = Date.now): Promise<Session> {
  await db.open();
  const device = await db.transaction('rw', db.meta, async () => {
    const existing = (await db.meta.get(META_DEVICE))?.value as DeviceIdentity | undefined;
    if (existing) return existing;
    const created: DeviceIdentity = { deviceId: uuidv7(now()), createdAt: new Date(now()).toISOString() };
    await db.meta.put({ key: META_DEVICE, value: created });
    return created;
  });
  const profile = ((await db.meta.get(META_PROFILE))?.value as InspectorProfile | undefined) ?? null;
  const clock = new HybridLogicalClock(device.deviceId, now, await lastHlc(db, now()));
  await loadWriterRole(db);
  const logger = new ChangeLogger(db, { author: profile?.name ?? '', deviceId: device.deviceId, clock });
  return { db, device, profile, logger };
}

/** Save the inspector profile; later writes are stamped with the new name. */
export async function saveProfile(session: Session, profile: InspectorProfile): Promise<Session> {
  const clean: InspectorProfile = {
    name: profile.name.trim(),
    organisation: profile.organisation.trim(),
    team: profile.team.trim(),
  };
  await session.db.meta.put({ key: META_PROFILE, value: clean });
  // Same clock: it already knows every stamp issued in this session.
  return { ...session, profile: clean, logger: session.logger.withAuthor(clean.name) };
}
