/**
 * Photos that leave the office reveal only the picture: no GPS position, no
 * camera make or model, no capture software. The app's stored copies are
 * re-encoded through a canvas (no metadata survives), so this is the second
 * guard for anything else: JPEG APP1 (EXIF, XMP) and APP13 (IPTC) segments are
 * dropped, the picture data is left byte for byte.
 */
const SOI = 0xd8;
const SOS = 0xda;
const APP1 = 0xe1;
const APP13 = 0xed;

export function stripPhotoMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return bytes;
  const keep: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  let removed = false;
  while (at + 4 <= bytes.byteLength) {
    if (bytes[at] !== 0xff) return bytes; // not a segment boundary: leave the file as it is
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === SOS || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) break;
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.byteLength) return bytes;
    if (marker === APP1 || marker === APP13) removed = true;
    else keep.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  if (!removed) return bytes;
  keep.push(bytes.subarray(at));
  const out = new Uint8Array(keep.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of keep) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}
