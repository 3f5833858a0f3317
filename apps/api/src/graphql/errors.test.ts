import {
  AlreadyExistsError,
  EventDecodeError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '@dateline/domain';
import { ConcurrencyError, StoreLockedError } from '@dateline/event-store';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, toGraphQLError } from './errors.js';

describe('toGraphQLError', () => {
  it.each([
    [new InvalidInputError([{ path: 'summary', message: 'must not be empty' }]), 'BAD_USER_INPUT'],
    [new NotFoundError('fact', 'x'), 'NOT_FOUND'],
    [new AlreadyExistsError('fact', 'x'), 'CONFLICT'],
    [new RuleViolationError('no-self-link', 'a fact cannot be linked to itself'), 'BAD_USER_INPUT'],
    [new ConcurrencyError('fact-x', 2, 3), 'CONFLICT'],
    [new ApiError('FORBIDDEN', 'read-only'), 'FORBIDDEN'],
  ])('maps %s to %s with its message', (error, code) => {
    const mapped = toGraphQLError(error);
    expect(mapped.extensions.code).toBe(code);
    expect(mapped.message).toBe(error.message);
  });

  it('keeps the field issues of invalid input and the rule of a violation', () => {
    expect(
      toGraphQLError(new InvalidInputError([{ path: 'input.id', message: 'bad' }])).extensions,
    ).toEqual({ code: 'BAD_USER_INPUT', issues: [{ path: 'input.id', message: 'bad' }] });
    expect(toGraphQLError(new RuleViolationError('retracted-is-final', 'no')).extensions.rule).toBe(
      'retracted-is-final',
    );
  });

  it('masks what a client cannot act on, and logs it', () => {
    const log = { error: vi.fn() };
    for (const error of [
      new Error('ENOENT: /work/secret/path'),
      new EventDecodeError('FactRecorded', 9, 'unknown version'),
      new StoreLockedError('/work/events/.lock', { pid: 1 }),
    ]) {
      const mapped = toGraphQLError(error, log);
      expect(mapped.message).not.toMatch(/\/work|ENOENT|pid/);
      expect(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']).toContain(mapped.extensions.code);
    }
    expect(log.error).toHaveBeenCalledTimes(3);
  });
});
