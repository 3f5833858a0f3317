/**
 * A map from pairs of actor numbers to numbers (an edge, a partner pair), for the graph
 * projections: one open-addressing table in an Int32Array, three slots per entry (first number
 * + 1, so that 0 marks an empty slot; second number; value). A million-event log has about 1.4
 * million pairs; a Map per actor cost a look-up a few cache misses, and a single Map keyed by
 * a × N + b would make a heap number of each key beyond the small-integer range.
 */
export class PairIndex {
  private table = new Int32Array(3 * 1024);
  private mask = 1023;
  private count = 0;

  get(a: number, b: number): number | undefined {
    const { table, mask } = this;
    for (let slot = hashOf(a, b) & mask; ; slot = (slot + 1) & mask) {
      const first = table[slot * 3]!;
      if (first === 0) return undefined;
      if (first === a + 1 && table[slot * 3 + 1] === b) return table[slot * 3 + 2]!;
    }
  }

  /** Sets the value of a pair, adding the pair if it is new. */
  set(a: number, b: number, value: number): void {
    const { table, mask } = this;
    for (let slot = hashOf(a, b) & mask; ; slot = (slot + 1) & mask) {
      const first = table[slot * 3]!;
      if (first === a + 1 && table[slot * 3 + 1] === b) {
        table[slot * 3 + 2] = value;
        return;
      }
      if (first === 0) break;
    }
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.place(a + 1, b, value);
    this.count++;
  }

  private place(first: number, b: number, value: number): void {
    const { table, mask } = this;
    let slot = hashOf(first - 1, b) & mask;
    while (table[slot * 3] !== 0) slot = (slot + 1) & mask;
    table[slot * 3] = first;
    table[slot * 3 + 1] = b;
    table[slot * 3 + 2] = value;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 3)
      if (old[i] !== 0) this.place(old[i]!, old[i + 1]!, old[i + 2]!);
  }
}

/** A 32-bit mix of two non-negative integers (a multiply-xorshift finaliser). */
function hashOf(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
