// Zip bombs for tests and the bench, made in milliseconds: a deflate stream of
// zeros is cut into identical full-flushed pieces, so N pieces inflate to
// N × 16 MiB without anyone ever holding or compressing that much.
import { deflateRawSync, constants } from 'node:zlib';
import { Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js/index-native.js';

const PIECE_BYTES = 16 * 1024 * 1024;
let piece: Uint8Array | undefined;

/** Raw deflate data that inflates to `pieces` × 16 MiB of zeros. */
export function zeroDeflate(pieces: number): Uint8Array {
  piece ??= new Uint8Array(deflateRawSync(new Uint8Array(PIECE_BYTES), { level: 9, finishFlush: constants.Z_FULL_FLUSH }));
  const end = [0x01, 0x00, 0x00, 0xff, 0xff]; // final empty stored block
  const out = new Uint8Array(piece.byteLength * pieces + end.length);
  for (let i = 0; i < pieces; i++) out.set(piece, i * piece.byteLength);
  out.set(end, piece.byteLength * pieces);
  return out;
}

export const BOMB_PIECE_BYTES = PIECE_BYTES;

export interface BombEntry {
  name: string;
  /** Inflated size, a multiple of 16 MiB. */
  inflatedBytes: number;
  /** What the central directory claims; defaults to the truth. */
  declaredBytes?: number;
}

/** A zip with the given real entries (bytes) and bomb entries (deflated zeros). */
export async function makeZip(files: Record<string, Uint8Array>, bombs: BombEntry[] = []): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter(new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) }), { zip64: false });
  for (const [name, bytes] of Object.entries(files)) await zip.add(name, new Uint8ArrayReader(bytes));
  for (const b of bombs) {
    const data = zeroDeflate(Math.ceil(b.inflatedBytes / PIECE_BYTES));
    await zip.add(b.name, new Uint8ArrayReader(data), {
      passThrough: true,
      compressionMethod: 8,
      uncompressedSize: b.declaredBytes ?? b.inflatedBytes,
      signature: 0,
    } as never);
  }
  await zip.close();
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
