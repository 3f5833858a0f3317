import { createHash } from 'node:crypto';

/** A seeded pseudo-random source: the same seed always gives the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** `count` distinct items of `list` (all of them when it is shorter), in random order. */
  sample<T>(list: readonly T[], count: number): T[];
  /** Lowercase hex of `length` characters. */
  hex(length: number): string;
  /** A version-4-shaped UUID drawn from the sequence (not from the system's randomness). */
  uuid(): string;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded from the sha256 of the seed
 * text: small, fast and good enough for synthetic data; nothing here needs cryptographic randomness.
 */
export function createRandom(seed: string): Random {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32(); // mix the seed in before the first draw

  const random: Random = {
    next: () => nextUint32() / 4_294_967_296,
    int: (min, max) => min + Math.floor(random.next() * (max - min + 1)),
    chance: (probability) => random.next() < probability,
    pick: (list) => {
      if (list.length === 0) throw new RangeError('cannot pick from an empty list');
      return list[Math.floor(random.next() * list.length)]!;
    },
    sample: (list, count) => {
      const copy = [...list];
      const n = Math.min(count, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(random.next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
    hex: (length) => {
      let out = '';
      while (out.length < length) out += nextUint32().toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
    uuid: () => {
      const h = random.hex(32);
      const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
  return random;
}
