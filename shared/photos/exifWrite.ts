/**
 * Writes EXIF (APP1) segments: IFD0 (Make, Model, Orientation), the Exif IFD
 * (DateTimeOriginal, OffsetTimeOriginal) and the GPS IFD, little-endian ("II")
 * as most phones write. The laptop camera uses it to give its captures a
 * capture time like a phone photo's; the tests use it to make fixtures.
 */

export interface ExifSpec {
  make?: string;
  model?: string;
  /** 1..8 */
  orientation?: number;
  /** EXIF form: "2024:06:12 10:23:05". */
  dateTimeOriginal?: string;
  offsetTimeOriginal?: string;
  gps?: { lat: number; lon: number };
}

export type IfdEntry =
  | { tag: number; type: 'ascii'; value: string }
  | { tag: number; type: 'short'; value: number }
  | { tag: number; type: 'long'; value: number }
  | { tag: number; type: 'byte'; value: number[] }
  | { tag: number; type: 'rational'; value: [number, number][] };

const TYPE_CODE = { byte: 1, ascii: 2, short: 3, long: 4, rational: 5 } as const;

function entryBytes(e: IfdEntry): { count: number; data: Uint8Array } {
  switch (e.type) {
    case 'ascii': {
      const b = new TextEncoder().encode(`${e.value}\0`);
      return { count: b.length, data: b };
    }
    case 'short': {
      const b = new Uint8Array(2);
      new DataView(b.buffer).setUint16(0, e.value, true);
      return { count: 1, data: b };
    }
    case 'long': {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, e.value, true);
      return { count: 1, data: b };
    }
    case 'byte':
      return { count: e.value.length, data: Uint8Array.from(e.value) };
    case 'rational': {
      const b = new Uint8Array(8 * e.value.length);
      const v = new DataView(b.buffer);
      e.value.forEach(([n, d], i) => {
        v.setUint32(i * 8, n, true);
        v.setUint32(i * 8 + 4, d, true);
      });
      return { count: e.value.length, data: b };
    }
  }
}

/** Writes one IFD at `offset` (relative to the TIFF header); returns its bytes. */
export function writeIfd(entries: IfdEntry[], offset: number): Uint8Array {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const headerSize = 2 + sorted.length * 12 + 4;
  const parts = sorted.map(entryBytes);
  const extra = parts.reduce((n, p) => n + (p.data.length > 4 ? p.data.length + (p.data.length % 2) : 0), 0);
  const out = new Uint8Array(headerSize + extra);
  const v = new DataView(out.buffer);
  v.setUint16(0, sorted.length, true);
  let dataAt = headerSize;
  sorted.forEach((e, i) => {
    const at = 2 + i * 12;
    const { count, data } = parts[i];
    v.setUint16(at, e.tag, true);
    v.setUint16(at + 2, TYPE_CODE[e.type], true);
    v.setUint32(at + 4, count, true);
    if (data.length <= 4) {
      out.set(data, at + 8);
    } else {
      v.setUint32(at + 8, offset + dataAt, true);
      out.set(data, dataAt);
      dataAt += data.length + (data.length % 2);
    }
  });
  v.setUint32(headerSize - 4, 0, true);
  return out;
}

function dms(deg: number): [number, number][] {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const mFloat = (a - d) * 60;
  const m = Math.floor(mFloat);
  const s = Math.round((mFloat - m) * 60 * 1000);
  return [
    [d, 1],
    [m, 1],
    [s, 1000],
  ];
}

/** The TIFF structure alone (header + IFDs), as found inside APP1 after "Exif\0\0". */
export function buildTiff(spec: ExifSpec): Uint8Array {
  const ifd0: IfdEntry[] = [];
  if (spec.make) ifd0.push({ tag: 0x010f, type: 'ascii', value: spec.make });
  if (spec.model) ifd0.push({ tag: 0x0110, type: 'ascii', value: spec.model });
  if (spec.orientation) ifd0.push({ tag: 0x0112, type: 'short', value: spec.orientation });
  const exif: IfdEntry[] = [];
  if (spec.dateTimeOriginal) exif.push({ tag: 0x9003, type: 'ascii', value: spec.dateTimeOriginal });
  if (spec.offsetTimeOriginal) exif.push({ tag: 0x9011, type: 'ascii', value: spec.offsetTimeOriginal });
  const gps: IfdEntry[] = [];
  if (spec.gps) {
    gps.push({ tag: 0x0000, type: 'byte', value: [2, 3, 0, 0] });
    gps.push({ tag: 0x0001, type: 'ascii', value: spec.gps.lat >= 0 ? 'N' : 'S' });
    gps.push({ tag: 0x0002, type: 'rational', value: dms(spec.gps.lat) });
    gps.push({ tag: 0x0003, type: 'ascii', value: spec.gps.lon >= 0 ? 'E' : 'W' });
    gps.push({ tag: 0x0004, type: 'rational', value: dms(spec.gps.lon) });
  }
  // Pointers are filled in once the sizes are known; their values do not change IFD0's size.
  if (exif.length) ifd0.push({ tag: 0x8769, type: 'long', value: 0 });
  if (gps.length) ifd0.push({ tag: 0x8825, type: 'long', value: 0 });

  const ifd0Offset = 8;
  let probe = writeIfd(ifd0, ifd0Offset);
  const exifOffset = ifd0Offset + probe.length;
  const exifBytes = exif.length ? writeIfd(exif, exifOffset) : new Uint8Array();
  const gpsOffset = exifOffset + exifBytes.length;
  const gpsBytes = gps.length ? writeIfd(gps, gpsOffset) : new Uint8Array();
  for (const e of ifd0) {
    if (e.tag === 0x8769 && e.type === 'long') e.value = exifOffset;
    if (e.tag === 0x8825 && e.type === 'long') e.value = gpsOffset;
  }
  probe = writeIfd(ifd0, ifd0Offset);

  const out = new Uint8Array(8 + probe.length + exifBytes.length + gpsBytes.length);
  out.set([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00], 0);
  out.set(probe, 8);
  out.set(exifBytes, exifOffset);
  out.set(gpsBytes, gpsOffset);
  return out;
}

/** A complete APP1 segment: FFE1, length, "Exif\0\0", TIFF. */
export function buildExifApp1(spec: ExifSpec): Uint8Array {
  const tiff = buildTiff(spec);
  const length = 2 + 6 + tiff.length;
  const out = new Uint8Array(2 + length);
  out.set([0xff, 0xe1, length >> 8, length & 0xff, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00], 0);
  out.set(tiff, 10);
  return out;
}

/**
 * Puts an EXIF segment into a JPEG right after SOI, dropping any APP0/APP1
 * segments the encoder wrote (as a phone's file has EXIF first).
 */
export function withExif(jpeg: Uint8Array, spec: ExifSpec): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  let at = 2;
  while (jpeg[at] === 0xff && (jpeg[at + 1] === 0xe0 || jpeg[at + 1] === 0xe1)) {
    at += 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3]);
  }
  const app1 = buildExifApp1(spec);
  const out = new Uint8Array(2 + app1.length + jpeg.length - at);
  out.set([0xff, 0xd8], 0);
  out.set(app1, 2);
  out.set(jpeg.subarray(at), 2 + app1.length);
  return out;
}

/** EXIF form of a local time: "2024:06:12 10:23:05". */
export function exifDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}:${p(d.getMonth() + 1)}:${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
