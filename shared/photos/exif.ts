/**
 * Turns what exifr returns (options `EXIFR_OPTIONS`: raw strings, not revived
 * Dates, so no time zone is guessed) into the few facts the app keeps.
 */
export interface PhotoExif {
  /** Local wall-clock time of capture, `YYYY-MM-DDTHH:mm:ss`, or null. */
  takenAt: string | null;
  gps: { lat: number; lon: number } | null;
  /** EXIF orientation 1..8 (1 = upright). Browsers apply it when decoding; recorded for the record. */
  orientation: number;
  camera: string | null;
}

/** Options for `exifr.parse` matching `normaliseExif`. */
export const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  translateValues: false,
  reviveValues: false,
  pick: ['Make', 'Model', 'Orientation', 'DateTimeOriginal', 'CreateDate', 'ModifyDate', 'DateTime',
    'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
} as const;

export const NO_EXIF: PhotoExif = { takenAt: null, gps: null, orientation: 1, camera: null };

export function normaliseExif(raw: unknown): PhotoExif {
  if (!raw || typeof raw !== 'object') return { ...NO_EXIF };
  const r = raw as Record<string, unknown>;
  const takenAt = exifDate(r.DateTimeOriginal) ?? exifDate(r.CreateDate) ?? exifDate(r.ModifyDate) ?? exifDate(r.DateTime);
  return {
    takenAt,
    gps: gpsOf(r),
    orientation: orientationOf(r.Orientation),
    camera: cameraOf(r.Make, r.Model),
  };
}

/** "2024:06:12 10:23:05" (EXIF), "2024-06-12T10:23:05" or a Date → local `YYYY-MM-DDTHH:mm:ss`; null when absent or impossible. */
export function exifDate(v: unknown): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return checkDate(v.getFullYear(), v.getMonth() + 1, v.getDate(), v.getHours(), v.getMinutes(), v.getSeconds());
  }
  if (typeof v !== 'string') return null;
  const m = /^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(v.replace(/\0/g, ''));
  if (!m) return null;
  return checkDate(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
}

function checkDate(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  // Cameras with an unset clock write 0000:00:00 or 1970/1980 dates.
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return null;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}`;
}

function gpsOf(r: Record<string, unknown>): { lat: number; lon: number } | null {
  let lat = typeof r.latitude === 'number' ? r.latitude : dmsToDeg(r.GPSLatitude, r.GPSLatitudeRef, 'S');
  let lon = typeof r.longitude === 'number' ? r.longitude : dmsToDeg(r.GPSLongitude, r.GPSLongitudeRef, 'W');
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  // 0,0 is what a phone writes when it had no fix.
  if (lat === 0 && lon === 0) return null;
  lat = Math.round(lat * 1e6) / 1e6;
  lon = Math.round(lon * 1e6) / 1e6;
  return { lat, lon };
}

function dmsToDeg(v: unknown, ref: unknown, negative: string): number | null {
  const parts = typeof v === 'number' ? [v] : Array.isArray(v) ? v : null;
  if (!parts || parts.length === 0 || parts.some((x) => typeof x !== 'number')) return null;
  const [d, m = 0, s = 0] = parts as number[];
  const deg = d + m / 60 + s / 3600;
  return typeof ref === 'string' && ref.trim().toUpperCase() === negative ? -deg : deg;
}

function orientationOf(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 8 ? v : 1;
}

function cameraOf(make: unknown, model: unknown): string | null {
  const clean = (x: unknown) => (typeof x === 'string' ? x.replace(/\0/g, '').trim() : '');
  const mk = clean(make);
  const md = clean(model);
  if (!mk && !md) return null;
  if (!md) return mk;
  if (!mk || md.toLowerCase().startsWith(mk.toLowerCase())) return md;
  return `${mk} ${md}`;
}

/** True when the picture's width and height swap on display (orientations 5–8 turn it by 90°). */
export function orientationSwapsSides(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

/** "北纬 41.119583°，东经 122.071167°" */
export function formatGps(gps: { lat: number; lon: number }): string {
  const lat = `${gps.lat >= 0 ? '北纬' : '南纬'} ${Math.abs(gps.lat).toFixed(6)}°`;
  const lon = `${gps.lon >= 0 ? '东经' : '西经'} ${Math.abs(gps.lon).toFixed(6)}°`;
  return `${lat}，${lon}`;
}
