import { isIsoDate } from '@dateline/domain';
import { indexAfter, type SortKey, type TimelineFact } from '@dateline/projections';
import { ApiError } from '../graphql/errors.js';
import { checkPageSize } from '../graphql/limits.js';
import type { FactConnection } from '../models/fact.model.js';
import { factNode } from '../models/nodes.js';
import type { ReadScope } from '../models/scope.js';

/**
 * Cursors carry the fact's sort key rather than an index, so a page boundary stays put when facts
 * are recorded or corrected between two requests.
 */
export function encodeCursor(fact: SortKey): string {
  return Buffer.from(
    JSON.stringify([fact.occurred.earliest, fact.occurred.latest, fact.firstPosition]),
  ).toString('base64url');
}

export function decodeCursor(cursor: string): SortKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Any sort key would do as a place in the order, but one that no fact could have is a
    // client's mistake, worth saying so rather than answering with an empty page.
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      isIsoDate(value[0]) &&
      isIsoDate(value[1]) &&
      value[0] <= value[1] &&
      Number.isInteger(value[2]) &&
      (value[2] as number) >= 1
    ) {
      return {
        occurred: { earliest: value[0], latest: value[1], precision: 'range' },
        firstPosition: value[2] as number,
      };
    }
  } catch {
    // reported below
  }
  throw new ApiError('BAD_USER_INPUT', 'after is not a cursor this API gave out', {
    issues: [{ path: 'after', message: 'unknown cursor' }],
  });
}

/** One page of chronologically sorted facts as a Relay connection. */
export function paginateFacts(
  sorted: readonly TimelineFact[],
  scope: ReadScope,
  args: { first?: number | null; after?: string | null },
): FactConnection {
  const first = checkPageSize(args.first);
  const start = args.after ? indexAfter(sorted, decodeCursor(args.after)) : 0;
  const page = sorted.slice(start, start + first);
  const edges = page.map((fact) => ({ cursor: encodeCursor(fact), node: factNode(fact, scope) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + first < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: sorted.length,
    position: scope.position,
  };
}
