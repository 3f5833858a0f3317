/**
 * Answers remembered per read-model state and log position, for the last few keys (the
 * arguments) asked at it. States change in place and every change moves the position, so an answer
 * holds until the position moves. For answers that walk a whole read model and are asked on every
 * view: a timeline page, the interaction network, the topics. A state that is dropped (a point in
 * time, a publication view) takes its answers with it.
 */
export class PositionMemo<T> {
  private readonly byState = new WeakMap<object, { position: number; answers: Map<string, T> }>();

  constructor(private readonly keysKept = 16) {}

  get(state: object, position: number, key: string, compute: () => T): T {
    let memo = this.byState.get(state);
    if (memo?.position !== position) {
      memo = { position, answers: new Map() };
      this.byState.set(state, memo);
    }
    if (memo.answers.has(key)) return memo.answers.get(key) as T;
    const value = compute();
    // Oldest first: a Map keeps insertion order.
    if (memo.answers.size >= this.keysKept) memo.answers.delete(memo.answers.keys().next().value!);
    memo.answers.set(key, value);
    return value;
  }
}
