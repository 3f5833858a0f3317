/** Where each stored event id lives. */
export interface EventIds {
  readonly size: number;
  /** The position of the event with this id, or undefined when none is stored. */
  positionOf(id: string): number | undefined;
  /** Records an id the caller has checked is not stored yet. */
  add(id: string, position: number): void;
  remove(id: string, position: number): void;
}

/** Every id as a string in a Map: for logs held in memory and for partial indexes. */
export class ExactEventIds implements EventIds {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  positionOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  add(id: string, position: number): void {
    this.ids.set(id, position);
  }

  remove(id: string): void {
    this.ids.delete(id);
  }
}

/**
 * Where each event id of the log is stored, for millions of ids without keeping millions of
 * strings alive: each id is held as a 64-bit fingerprint (two 32-bit hashes of its UTF-16 code
 * units) next to its position, in one open-addressing table in a typed array.
 *
 * A fingerprint names candidates, not an answer: two different ids can share one (for two ids,
 * about one chance in 1.8 × 10^19; they could also be chosen to collide), so every hit is confirmed
 * against the id actually stored at that position, which the owner reads with `idAt`. A miss needs
 * no confirmation, and misses are what a log with unique ids sees.
 */
export class EventIdIndex implements EventIds {
  // Three Int32 per slot: fingerprint halves a and b, then the position (0: an empty slot).
  private table = new Int32Array(3 * 1024);
  private mask = 1023;
  private count = 0;
  // A miss of positionOf, remembered so that adding that very id next (the loader checks an id,
  // then adds it) neither hashes it again nor probes again: the empty slot it stopped at.
  private missedId: string | undefined;
  private missedSlot = 0;
  private missedA = 0;
  private missedB = 0;

  constructor(private readonly idAt: (position: number) => string) {}

  get size(): number {
    return this.count;
  }

  positionOf(id: string): number | undefined {
    fingerprint(id);
    const a = fpA;
    const b = fpB;
    const { table, mask } = this;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const position = table[slot * 3 + 2]!;
      if (position === 0) {
        this.missedId = id;
        this.missedSlot = slot;
        this.missedA = a;
        this.missedB = b;
        return undefined;
      }
      if (table[slot * 3] === a && table[slot * 3 + 1] === b && this.idAt(position) === id)
        return position;
    }
  }

  add(id: string, position: number): void {
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    if (id === this.missedId) {
      // Nothing has changed the table since that miss (every change forgets it).
      const { table, missedSlot: slot } = this;
      table[slot * 3] = this.missedA;
      table[slot * 3 + 1] = this.missedB;
      table[slot * 3 + 2] = position;
    } else {
      fingerprint(id);
      this.place(fpA, fpB, position);
    }
    this.missedId = undefined;
    this.count++;
  }

  remove(id: string, position: number): void {
    this.missedId = undefined;
    fingerprint(id);
    const { table, mask } = this;
    let slot = fpA & mask;
    while (table[slot * 3 + 2] !== position) {
      if (table[slot * 3 + 2] === 0) return;
      slot = (slot + 1) & mask;
    }
    // Backward-shift deletion: pull later entries of the probe run into the hole they skipped.
    let hole = slot;
    for (let next = (hole + 1) & mask; table[next * 3 + 2] !== 0; next = (next + 1) & mask) {
      const home = table[next * 3]! & mask;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        table.copyWithin(hole * 3, next * 3, next * 3 + 3);
        hole = next;
      }
    }
    table.fill(0, hole * 3, hole * 3 + 3);
    this.count--;
  }

  private place(a: number, b: number, position: number): void {
    const { table, mask } = this;
    let slot = a & mask;
    while (table[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
    table[slot * 3] = a;
    table[slot * 3 + 1] = b;
    table[slot * 3 + 2] = position;
  }

  private grow(): void {
    this.missedId = undefined;
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 3)
      if (old[i + 2] !== 0) this.place(old[i]!, old[i + 1]!, old[i + 2]!);
  }
}

// The fingerprint computed last (two results without allocating a pair).
let fpA = 0;
let fpB = 0;

/** Two independent 32-bit hashes (FNV-1a and a multiply-rotate hash, each with a final mix). */
function fingerprint(id: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  fpA = mix(a);
  fpB = mix(b ^ 0x2545f491);
}

function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
