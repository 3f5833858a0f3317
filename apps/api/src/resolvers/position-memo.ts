/**
 * One remembered answer, valid for one read-model state at one log position and one key (the
 * arguments): states are updated in place, and every update moves the position. For answers that
 * walk a whole read model (the interaction network, the topics) and are asked on every page view.
 */
export class PositionMemo<T> {
  private last: { state: object; position: number; key: string; value: T } | undefined;

  get(state: object, position: number, key: string, compute: () => T): T {
    const { last } = this;
    if (last && last.state === state && last.position === position && last.key === key)
      return last.value;
    const value = compute();
    this.last = { state, position, key, value };
    return value;
  }
}
