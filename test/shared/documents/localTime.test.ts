import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName, syncBundleFileName } from '../../../shared/backup/backupArchive';
import { shortDateTime } from '../../../shared/documents/text';
import { localDateText, localDateTimeText, localFileStamp } from '../../../shared/util/localTime';

/** Node re-reads process.env.TZ when it changes, so one file can format under two zones. */
const original = process.env.TZ;
function inZone<T>(zone: string, f: () => T): T {
  process.env.TZ = zone;
  try {
    return f();
  } finally {
    process.env.TZ = original;
  }
}

afterEach(() => {
  process.env.TZ = original;
});

describe('times are shown in the reader’s time zone', () => {
  it('a stored instant (UTC) reads as the local clock: 数据截至 09:11, not 01:11', () => {
    expect(inZone('Asia/Shanghai', () => shortDateTime('2024-07-08T01:11:00.000Z'))).toBe('2024-07-08 09:11');
    expect(inZone('America/New_York', () => shortDateTime('2024-07-08T01:11:00.000Z'))).toBe('2024-07-07 21:11');
  });

  it('before 08:00 in Beijing the date is the local one too', () => {
    expect(inZone('Asia/Shanghai', () => shortDateTime('2024-07-07T23:30:00Z'))).toBe('2024-07-08 07:30');
    expect(inZone('Asia/Shanghai', () => localDateText('2024-07-07T23:30:00Z'))).toBe('2024-07-08');
    expect(inZone('America/New_York', () => localDateText('2024-07-07T23:30:00Z'))).toBe('2024-07-07');
  });

  it('an instant written with another offset is converted as well', () => {
    expect(inZone('Asia/Shanghai', () => localDateTimeText('2024-07-08T09:11:00+08:00'))).toBe('2024-07-08 09:11');
    expect(inZone('America/New_York', () => localDateTimeText('2024-07-08T09:11:00+08:00'))).toBe('2024-07-07 21:11');
  });

  it('a wall-clock time without zone (EXIF, a typed phone-test time) is shown as written in every zone', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York']) {
      expect(inZone(zone, () => shortDateTime('2024-06-10T14:30:00'))).toBe('2024-06-10 14:30');
      expect(inZone(zone, () => shortDateTime('2024-06-10 14:30'))).toBe('2024-06-10 14:30');
      expect(inZone(zone, () => shortDateTime('2024-06-10'))).toBe('2024-06-10');
    }
  });

  it('backup and sync file names carry the local time', () => {
    const at = new Date('2024-10-14T01:00:59Z');
    expect(inZone('Asia/Shanghai', () => backupFileName('manual', at))).toBe('manual-20241014T090059.zwgkbak');
    expect(inZone('America/New_York', () => backupFileName('manual', at))).toBe('manual-20241013T210059.zwgkbak');
    expect(inZone('Asia/Shanghai', () => syncBundleFileName('王明', at))).toBe('同步-王明-20241014T090059.zwgksync');
    expect(inZone('Asia/Shanghai', () => localFileStamp(at))).toBe('20241014T090059');
  });

  it('text that is not a time is returned unchanged', () => {
    expect(shortDateTime('不详')).toBe('不详');
  });
});
