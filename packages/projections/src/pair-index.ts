/**
 * A map from pairs of actor numbers to numbers (an edge, a partner pair), for the graph
 * projections. A Map per first number, keyed by the second: a single Map keyed by a × N + b would
 * need keys beyond the small-integer range, and V8 makes a heap number of each such key.
 */
export class PairIndex {
  private readonly rows: (Map<number, number> | undefined)[] = [];

  get(a: number, b: number): number | undefined {
    return this.rows[a]?.get(b);
  }

  set(a: number, b: number, value: number): void {
    let row = this.rows[a];
    if (!row) {
      row = new Map();
      this.rows[a] = row;
    }
    row.set(b, value);
  }
}
