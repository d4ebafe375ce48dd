/**
 * A small seeded pseudo-random generator for reproducible draws (随机抽查).
 * The seed text is hashed to 128 bits with cyrb128, which feeds xoshiro128**.
 * Both are integer-only (Math.imul, >>> 0), so the same seed yields the same
 * sequence in Node, Chromium and Electron.
 */

/** 128-bit hash of a string as four uint32 words (cyrb128). */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export interface SeededRandom {
  /** Next uint32. */
  nextUint32(): number;
  /** Uniform integer in [0, n), without modulo bias. */
  nextInt(n: number): number;
}

/** xoshiro128** from an explicit 128-bit state (reference algorithm by Blackman and Vigna). */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  let [a, b, c, d] = state.map((x) => x >>> 0);
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
}

/** xoshiro128** seeded from a text seed through cyrb128. */
export function seededRandom(seed: string): SeededRandom {
  const nextUint32 = xoshiro128ss(cyrb128(seed));
  // Discard the first outputs so that similar seeds diverge fully.
  for (let i = 0; i < 12; i++) nextUint32();
  return {
    nextUint32,
    nextInt(n: number): number {
      if (!Number.isSafeInteger(n) || n <= 0 || n > 0x1_0000_0000) throw new RangeError(`取值范围无效：${n}`);
      // Rejection sampling: accept only values below the largest multiple of n.
      const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
      for (;;) {
        const x = nextUint32();
        if (x < limit) return x % n;
      }
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A fresh seed for a new draw: 8 decimal digits from the platform's secure
 * random source. Short enough to read out loud and type into a record.
 */
export function newDrawSeed(): string {
  const words = new Uint32Array(1);
  globalThis.crypto.getRandomValues(words);
  return String(words[0] % 100_000_000).padStart(8, '0');
}
