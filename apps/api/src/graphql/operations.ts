import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';

/**
 * The operation a request asks to run, picked as graphql-js picks it, or why none can be: a
 * document of several operations needs `operationName`, and the name must be one of them. Said
 * before execution because two parts of Mercurius do not: its GET check reads the operation of a
 * document it could not pick from (a TypeError, so a 500), and its compiled queries are kept per
 * document text, so a second operation of the same document would run the first one's code.
 */
export function selectOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): { operation: OperationDefinitionNode } | { problem: string } {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const names = operations.map((o) => (o.name ? `"${o.name.value}"` : '(unnamed)')).join(', ');
  if (operationName === undefined || operationName === null) {
    const [only] = operations;
    if (only && operations.length === 1) return { operation: only };
    return {
      problem:
        operations.length === 0
          ? 'the document defines no operation to run'
          : `the document defines ${operations.length} operations (${names}); name the one to run in "operationName"`,
    };
  }
  const named = operations.find((o) => o.name?.value === operationName);
  if (named) return { operation: named };
  return {
    problem: `the document has no operation named "${operationName}"; it defines ${names}`,
  };
}

/** Whether the document defines more than one operation. */
export function hasSeveralOperations(document: DocumentNode): boolean {
  let count = 0;
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) count++;
  return count > 1;
}

/**
 * The common case, told without allocating: the document is one query (with any fragments), and
 * the request names it or names nothing.
 */
export function isPlainQuery(document: DocumentNode, operationName: unknown): boolean {
  let query: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (query) return false;
    query = d;
  }
  if (query?.operation !== 'query') return false;
  return (
    operationName === undefined || operationName === null || operationName === query.name?.value
  );
}
