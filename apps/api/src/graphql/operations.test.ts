import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { hasSeveralOperations, isPlainQuery, selectOperation } from './operations.js';

describe('operation selection', () => {
  const two = parse('query A { logHead { position } } mutation B { x }');
  const one = parse('query A { ...F } fragment F on Query { logHead { position } }');

  it('picks the only operation, or the one named, as graphql-js does', () => {
    expect(selectOperation(one, undefined)).toMatchObject({ operation: { name: { value: 'A' } } });
    expect(selectOperation(two, 'B')).toMatchObject({ operation: { operation: 'mutation' } });
  });

  it('says why it cannot pick', () => {
    expect(selectOperation(two, null)).toEqual({
      problem:
        'the document defines 2 operations ("A", "B"); name the one to run in "operationName"',
    });
    expect(selectOperation(one, 'C')).toEqual({
      problem: 'the document has no operation named "C"; it defines "A"',
    });
    expect(selectOperation(parse('fragment F on Query { x }'), undefined)).toEqual({
      problem: 'the document defines no operation to run',
    });
  });

  it('tells the common case apart without the full check', () => {
    expect(isPlainQuery(one, undefined)).toBe(true);
    expect(isPlainQuery(one, 'A')).toBe(true);
    expect(isPlainQuery(one, 'B')).toBe(false);
    expect(isPlainQuery(two, 'A')).toBe(false);
    expect(isPlainQuery(parse('mutation { x }'), undefined)).toBe(false);
    expect(hasSeveralOperations(two)).toBe(true);
    expect(hasSeveralOperations(one)).toBe(false);
  });
});
