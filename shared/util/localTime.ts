/**
 * Times as a person reads them: in the user's own time zone (the zone of the
 * process or browser that formats them). Stored instants are ISO texts with a
 * zone (`2024-07-08T01:11:00.000Z`, `…+08:00`); wall-clock readings such as a
 * camera's EXIF time or a typed phone-test time carry no zone and are already
 * local, so they are shown as written.
 */

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function partsOfDate(d: Date): LocalParts {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
}

/** The local wall-clock parts of an ISO text or a Date, or null when it is not a time. */
export function localParts(value: string | Date): LocalParts | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : partsOfDate(value);
  const text = value.trim();
  if (ZONED.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : partsOfDate(d);
  }
  const m = WALL.exec(text);
  if (!m) return null;
  return { year: +m[1], month: +m[2], day: +m[3], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) };
}

/** 2024-07-08 */
export function localDateText(value: string | Date): string {
  const p = localParts(value);
  return p ? `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}` : String(value);
}

/** 2024-07-08 09:11 */
export function localDateTimeText(value: string | Date): string {
  const p = localParts(value);
  return p ? `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}` : String(value);
}

/** 2024-07-08 09:11:05 */
export function localDateTimeSecondsText(value: string | Date): string {
  const p = localParts(value);
  return p ? `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` : String(value);
}

/** 20240708T091105: a local stamp for file names (sorts like the time it names). */
export function localFileStamp(at: Date): string {
  const p = partsOfDate(at);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}
