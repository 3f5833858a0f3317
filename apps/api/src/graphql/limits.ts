import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLOutputType,
  type GraphQLType,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** The public API's abuse limits. Each refusal names the limit, the maximum and what was asked. */
export const LIMITS = {
  /** Nesting of fields below the operation (introspection fields excluded, tokens bound those). */
  depth: 12,
  /** Estimated number of fields resolved: each list multiplies its selection by its page size. */
  cost: 50_000,
  aliases: 30,
  directives: 20,
  /** Lexical tokens in one document. */
  tokens: 3_000,
  /** Request body in bytes (JSON over HTTP; also the WebSocket frame limit). */
  bodyBytes: 1_048_576,
  /** `first` on any paginated field. */
  pageSize: 100,
  defaultPageSize: 20,
  /** How long a query with minPosition waits for the read models. */
  minPositionWaitMs: 5_000,
} as const;

/** Assumed length of a list that takes no page size (participants, sources, actors…). */
const UNPAGED_LIST_ESTIMATE = 10;

export type LimitName =
  | 'depth'
  | 'cost'
  | 'aliases'
  | 'directives'
  | 'tokens'
  | 'bodyBytes'
  | 'pageSize'
  | 'batch';

export function limitError(
  limit: LimitName,
  message: string,
  details: { max?: number; actual?: number } = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'LIMIT_EXCEEDED', limit, ...details },
  });
}

function isIntrospectionField(node: FieldNode): boolean {
  return node.name.value.startsWith('__');
}

/** Walks an operation through its fragments, guarding against fragment cycles (validated elsewhere). */
function fragmentsOf(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) map.set(def.name.value, def);
  }
  return map;
}

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  if (!selectionSet) return 0;
  let max = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        if (!isIntrospectionField(selection))
          max = Math.max(max, 1 + depthOf(selection.selectionSet, fragments, visiting));
        break;
      case Kind.INLINE_FRAGMENT:
        max = Math.max(max, depthOf(selection.selectionSet, fragments, visiting));
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) break;
        visiting.add(name);
        max = Math.max(max, depthOf(fragment.selectionSet, fragments, visiting));
        visiting.delete(name);
        break;
      }
    }
  }
  return max;
}

export const maxDepthRule: ValidationRule = (context) => {
  const fragments = fragmentsOf(context);
  return {
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > LIMITS.depth) {
        context.reportError(
          limitError(
            'depth',
            `query depth ${depth} exceeds the limit of ${LIMITS.depth}; split it into several queries`,
            { max: LIMITS.depth, actual: depth },
          ),
        );
      }
    },
  };
};

export const maxAliasesRule: ValidationRule = (context) => {
  let count = 0;
  return {
    Field(node) {
      if (node.alias) count += 1;
    },
    Document: {
      leave() {
        if (count > LIMITS.aliases) {
          context.reportError(
            limitError(
              'aliases',
              `the document uses ${count} aliases; at most ${LIMITS.aliases} are allowed`,
              { max: LIMITS.aliases, actual: count },
            ),
          );
        }
      },
    },
  };
};

export const maxDirectivesRule: ValidationRule = (context) => {
  let count = 0;
  return {
    Directive() {
      count += 1;
    },
    Document: {
      leave() {
        if (count > LIMITS.directives) {
          context.reportError(
            limitError(
              'directives',
              `the document uses ${count} directives; at most ${LIMITS.directives} are allowed`,
              { max: LIMITS.directives, actual: count },
            ),
          );
        }
      },
    },
  };
};

function unwrap(type: GraphQLType): { list: boolean } {
  let t = type;
  if (isNonNullType(t)) t = t.ofType;
  return { list: isListType(t) };
}

/** A field's multiplier: its `first` argument (literal, or the maximum when it is a variable). */
function multiplierOf(node: FieldNode, type: GraphQLOutputType): number {
  const first = node.arguments?.find((a) => a.name.value === 'first');
  if (first) {
    if (first.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
    return LIMITS.pageSize;
  }
  const named = getNamedType(type);
  if (isObjectType(named) && named.name.endsWith('Connection')) return LIMITS.defaultPageSize;
  return unwrap(type).list ? UNPAGED_LIST_ESTIMATE : 1;
}

/**
 * Estimates how many fields a query resolves: every field costs 1, times the page sizes of the
 * lists above it. Connections multiply at the connection field (edges are the page itself).
 */
export const maxCostRule: ValidationRule = (context) => {
  const fragments = fragmentsOf(context);
  const schema = context.getSchema();

  function costOf(
    selectionSet: SelectionSetNode | undefined,
    parentTypeName: string,
    visiting: Set<string>,
  ): number {
    if (!selectionSet) return 0;
    const parent = schema.getType(parentTypeName);
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (isIntrospectionField(selection)) continue;
        const field =
          parent && (isObjectType(parent) || isInterfaceType(parent))
            ? parent.getFields()[selection.name.value]
            : undefined;
        if (!field) continue; // unknown fields are reported by the spec rules
        const named = getNamedType(field.type);
        const inEdges = parentTypeName.endsWith('Connection') && selection.name.value === 'edges';
        const multiplier = inEdges ? 1 : multiplierOf(selection, field.type);
        total += 1 + multiplier * costOf(selection.selectionSet, named.name, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value ?? parentTypeName;
        total += costOf(selection.selectionSet, typeName, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        total += costOf(fragment.selectionSet, fragment.typeCondition.name.value, visiting);
        visiting.delete(name);
      }
    }
    return total;
  }

  return {
    OperationDefinition(node) {
      const root =
        node.operation === 'query'
          ? schema.getQueryType()
          : node.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) return;
      const cost = costOf(node.selectionSet, root.name, new Set());
      if (cost > LIMITS.cost) {
        context.reportError(
          limitError(
            'cost',
            `query cost ${cost} exceeds the limit of ${LIMITS.cost}; ask for smaller pages or fewer nested lists`,
            { max: LIMITS.cost, actual: cost },
          ),
        );
      }
    },
  } satisfies ASTVisitor;
};

/**
 * One write per request: the mutations' results are non-null, so a refused second write would null
 * the whole answer and hide that the first one was appended. A mutation's selection must be one
 * field (fragments are spread out, so they cannot hold a second).
 */
export const oneWriteRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'mutation') return;
    const fields = new Set<string>();
    const visit = (selections: readonly SelectionNode[], seen: Set<string>) => {
      for (const selection of selections) {
        if (selection.kind === Kind.FIELD) {
          if (!selection.name.value.startsWith('__'))
            fields.add((selection.alias ?? selection.name).value);
        } else if (selection.kind === Kind.INLINE_FRAGMENT)
          visit(selection.selectionSet.selections, seen);
        else if (!seen.has(selection.name.value)) {
          const fragment = context.getFragment(selection.name.value);
          if (fragment)
            visit(fragment.selectionSet.selections, new Set([...seen, selection.name.value]));
        }
      }
    };
    visit(node.selectionSet.selections, new Set());
    if (fields.size > 1) {
      context.reportError(
        new GraphQLError(
          `a request may hold one mutation; this one holds ${fields.size} (${[...fields].join(', ')}). Send each write in its own request, so each gets its own answer`,
          { nodes: [node] },
        ),
      );
    }
  },
});

export const limitRules: ValidationRule[] = [
  maxDepthRule,
  maxAliasesRule,
  maxDirectivesRule,
  maxCostRule,
  oneWriteRule,
];

/** The message graphql-js gives when `maxTokens` stops the parser. */
export function isTokenLimitError(error: { message: string }): boolean {
  return /Document contains more that? \d+ tokens/.test(error.message);
}

/**
 * Refuses a `first` argument above the page-size limit (checked where the value is known); a
 * negative one is bad input, not a limit.
 */
export function checkPageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return LIMITS.defaultPageSize;
  if (Number.isInteger(first) && first < 0) {
    const message = `must be 0 or more (got ${first})`;
    throw new GraphQLError(`first ${message}`, {
      extensions: { code: 'BAD_USER_INPUT', issues: [{ path: 'first', message }] },
    });
  }
  if (!Number.isInteger(first) || first > LIMITS.pageSize) {
    throw limitError('pageSize', `first must be between 0 and ${LIMITS.pageSize} (got ${first})`, {
      max: LIMITS.pageSize,
      actual: first,
    });
  }
  return first;
}
