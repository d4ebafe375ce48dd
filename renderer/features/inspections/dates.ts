/** Local calendar date (YYYY-MM-DD) of a moment, as an inspector reads it on the wall clock. */
export function localDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Local date-time YYYY-MM-DDTHH:mm. */
export function localDateTime(d: Date = new Date()): string {
  return `${localDate(d)}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** 2024-07-15T08:30:00.000Z → 2024-07-15 16:30 (local). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return localDateTime(d).replace('T', ' ');
}

/** 2024-07-15 → 2024年7月15日 */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}
