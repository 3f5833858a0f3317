/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment FactCardFields on Fact {\n    id\n    kind\n    status\n    summary\n    retracted\n    corrected\n    lastPosition\n    retraction {\n      reason\n    }\n    occurred {\n      earliest\n      latest\n      precision\n      label\n      expression\n    }\n    participants {\n      role\n      actor {\n        id\n        name\n        country\n      }\n    }\n    quotes {\n      text\n      speaker {\n        id\n        name\n      }\n    }\n    sources {\n      paragraph\n      excerpt\n      dateExpression\n      article {\n        id\n        headline\n        publisher\n        publishedAt\n      }\n    }\n    topics\n    places\n    history {\n      position\n      type\n      recordedAt\n      changedFields\n      description\n      reason\n    }\n  }\n": typeof types.FactCardFieldsFragmentDoc,
    "\n  query Storyline($filter: TimelineFilter, $first: Int, $after: String, $asOf: AsOf) {\n    timeline(filter: $filter, first: $first, after: $after, asOf: $asOf) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...FactCardFields\n        }\n      }\n    }\n    logHead {\n      position\n      hash\n    }\n  }\n": typeof types.StorylineDocument,
    "\n  query FilterOptions {\n    actors {\n      id\n      name\n      country\n    }\n    topics {\n      name\n    }\n  }\n": typeof types.FilterOptionsDocument,
    "\n  query FactPage($id: ID!, $asOf: AsOf) {\n    fact(id: $id, asOf: $asOf) {\n      ...FactCardFields\n      sources {\n        paragraph\n        excerpt\n        dateExpression\n        note\n        article {\n          id\n          headline\n          publisher\n          publishedAt\n          url\n        }\n      }\n      history {\n        before\n        after\n        article {\n          id\n          headline\n        }\n        evidence {\n          paragraph\n          excerpt\n          dateExpression\n          article {\n            id\n            headline\n            publisher\n            publishedAt\n          }\n        }\n      }\n      links {\n        relation\n        direction\n        evidence {\n          paragraph\n          excerpt\n          note\n          article {\n            id\n            headline\n            publisher\n            publishedAt\n          }\n        }\n        fact {\n          id\n          summary\n          occurred {\n            earliest\n            latest\n            precision\n          }\n        }\n      }\n    }\n  }\n": typeof types.FactPageDocument,
    "\n  query ActorPage($id: ID!, $asOf: AsOf) {\n    actor(id: $id, asOf: $asOf) {\n      id\n      name\n      kind\n      title\n      country\n      aliases\n      facts(first: 100) {\n        totalCount\n        edges {\n          node {\n            ...FactCardFields\n          }\n        }\n      }\n    }\n    interactions(filter: { actorIds: [$id] }, asOf: $asOf) {\n      source {\n        id\n        name\n      }\n      target {\n        id\n        name\n      }\n      kinds\n      facts {\n        id\n      }\n    }\n  }\n": typeof types.ActorPageDocument,
    "\n  query ActorsIndex {\n    actors {\n      id\n      name\n      kind\n      title\n      country\n    }\n  }\n": typeof types.ActorsIndexDocument,
    "\n  query ArticlePage($id: ID!, $asOf: AsOf) {\n    article(id: $id, asOf: $asOf) {\n      id\n      headline\n      publisher\n      publishedAt\n      url\n      facts {\n        ...FactCardFields\n      }\n    }\n  }\n": typeof types.ArticlePageDocument,
    "\n  query ArticlesIndex {\n    articles {\n      id\n      headline\n      publisher\n      publishedAt\n    }\n  }\n": typeof types.ArticlesIndexDocument,
    "\n  query Graph($first: Int!, $factsPerEdge: Int!) {\n    interactionCount\n    interactions(orderBy: FACTS, first: $first) {\n      source {\n        id\n        name\n        kind\n      }\n      target {\n        id\n        name\n        kind\n      }\n      kinds\n      factCount\n      facts(first: $factsPerEdge) {\n        id\n        summary\n      }\n    }\n  }\n": typeof types.GraphDocument,
    "\n  query LogPage($after: Int, $first: Int) {\n    events(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          position\n          streamId\n          streamVersion\n          type\n          recordedAt\n          data\n          prevHash\n          hash\n        }\n      }\n    }\n    logHead {\n      position\n      hash\n    }\n  }\n": typeof types.LogPageDocument,
    "\n  query LogHead {\n    logHead {\n      position\n      hash\n    }\n  }\n": typeof types.LogHeadDocument,
};
const documents: Documents = {
    "\n  fragment FactCardFields on Fact {\n    id\n    kind\n    status\n    summary\n    retracted\n    corrected\n    lastPosition\n    retraction {\n      reason\n    }\n    occurred {\n      earliest\n      latest\n      precision\n      label\n      expression\n    }\n    participants {\n      role\n      actor {\n        id\n        name\n        country\n      }\n    }\n    quotes {\n      text\n      speaker {\n        id\n        name\n      }\n    }\n    sources {\n      paragraph\n      excerpt\n      dateExpression\n      article {\n        id\n        headline\n        publisher\n        publishedAt\n      }\n    }\n    topics\n    places\n    history {\n      position\n      type\n      recordedAt\n      changedFields\n      description\n      reason\n    }\n  }\n": types.FactCardFieldsFragmentDoc,
    "\n  query Storyline($filter: TimelineFilter, $first: Int, $after: String, $asOf: AsOf) {\n    timeline(filter: $filter, first: $first, after: $after, asOf: $asOf) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...FactCardFields\n        }\n      }\n    }\n    logHead {\n      position\n      hash\n    }\n  }\n": types.StorylineDocument,
    "\n  query FilterOptions {\n    actors {\n      id\n      name\n      country\n    }\n    topics {\n      name\n    }\n  }\n": types.FilterOptionsDocument,
    "\n  query FactPage($id: ID!, $asOf: AsOf) {\n    fact(id: $id, asOf: $asOf) {\n      ...FactCardFields\n      sources {\n        paragraph\n        excerpt\n        dateExpression\n        note\n        article {\n          id\n          headline\n          publisher\n          publishedAt\n          url\n        }\n      }\n      history {\n        before\n        after\n        article {\n          id\n          headline\n        }\n        evidence {\n          paragraph\n          excerpt\n          dateExpression\n          article {\n            id\n            headline\n            publisher\n            publishedAt\n          }\n        }\n      }\n      links {\n        relation\n        direction\n        evidence {\n          paragraph\n          excerpt\n          note\n          article {\n            id\n            headline\n            publisher\n            publishedAt\n          }\n        }\n        fact {\n          id\n          summary\n          occurred {\n            earliest\n            latest\n            precision\n          }\n        }\n      }\n    }\n  }\n": types.FactPageDocument,
    "\n  query ActorPage($id: ID!, $asOf: AsOf) {\n    actor(id: $id, asOf: $asOf) {\n      id\n      name\n      kind\n      title\n      country\n      aliases\n      facts(first: 100) {\n        totalCount\n        edges {\n          node {\n            ...FactCardFields\n          }\n        }\n      }\n    }\n    interactions(filter: { actorIds: [$id] }, asOf: $asOf) {\n      source {\n        id\n        name\n      }\n      target {\n        id\n        name\n      }\n      kinds\n      facts {\n        id\n      }\n    }\n  }\n": types.ActorPageDocument,
    "\n  query ActorsIndex {\n    actors {\n      id\n      name\n      kind\n      title\n      country\n    }\n  }\n": types.ActorsIndexDocument,
    "\n  query ArticlePage($id: ID!, $asOf: AsOf) {\n    article(id: $id, asOf: $asOf) {\n      id\n      headline\n      publisher\n      publishedAt\n      url\n      facts {\n        ...FactCardFields\n      }\n    }\n  }\n": types.ArticlePageDocument,
    "\n  query ArticlesIndex {\n    articles {\n      id\n      headline\n      publisher\n      publishedAt\n    }\n  }\n": types.ArticlesIndexDocument,
    "\n  query Graph($first: Int!, $factsPerEdge: Int!) {\n    interactionCount\n    interactions(orderBy: FACTS, first: $first) {\n      source {\n        id\n        name\n        kind\n      }\n      target {\n        id\n        name\n        kind\n      }\n      kinds\n      factCount\n      facts(first: $factsPerEdge) {\n        id\n        summary\n      }\n    }\n  }\n": types.GraphDocument,
    "\n  query LogPage($after: Int, $first: Int) {\n    events(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          position\n          streamId\n          streamVersion\n          type\n          recordedAt\n          data\n          prevHash\n          hash\n        }\n      }\n    }\n    logHead {\n      position\n      hash\n    }\n  }\n": types.LogPageDocument,
    "\n  query LogHead {\n    logHead {\n      position\n      hash\n    }\n  }\n": types.LogHeadDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FactCardFields on Fact {\n    id\n    kind\n    status\n    summary\n    retracted\n    corrected\n    lastPosition\n    retraction {\n      reason\n    }\n    occurred {\n      earliest\n      latest\n      precision\n      label\n      expression\n    }\n    participants {\n      role\n      actor {\n        id\n        name\n        country\n      }\n    }\n    quotes {\n      text\n      speaker {\n        id\n        name\n      }\n    }\n    sources {\n      paragraph\n      excerpt\n      dateExpression\n      article {\n        id\n        headline\n        publisher\n        publishedAt\n      }\n    }\n    topics\n    places\n    history {\n      position\n      type\n      recordedAt\n      changedFields\n      description\n      reason\n    }\n  }\n"): typeof import('./graphql').FactCardFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Storyline($filter: TimelineFilter, $first: Int, $after: String, $asOf: AsOf) {\n    timeline(filter: $filter, first: $first, after: $after, asOf: $asOf) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...FactCardFields\n        }\n      }\n    }\n    logHead {\n      position\n      hash\n    }\n  }\n"): typeof import('./graphql').StorylineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterOptions {\n    actors {\n      id\n      name\n      country\n    }\n    topics {\n      name\n    }\n  }\n"): typeof import('./graphql').FilterOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FactPage($id: ID!, $asOf: AsOf) {\n    fact(id: $id, asOf: $asOf) {\n      ...FactCardFields\n      sources {\n        paragraph\n        excerpt\n        dateExpression\n        note\n        article {\n          id\n          headline\n          publisher\n          publishedAt\n          url\n        }\n      }\n      history {\n        before\n        after\n        article {\n          id\n          headline\n        }\n        evidence {\n          paragraph\n          excerpt\n          dateExpression\n          article {\n            id\n            headline\n            publisher\n            publishedAt\n          }\n        }\n      }\n      links {\n        relation\n        direction\n        evidence {\n          paragraph\n          excerpt\n          note\n          article {\n            id\n            headline\n            publisher\n            publishedAt\n          }\n        }\n        fact {\n          id\n          summary\n          occurred {\n            earliest\n            latest\n            precision\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FactPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActorPage($id: ID!, $asOf: AsOf) {\n    actor(id: $id, asOf: $asOf) {\n      id\n      name\n      kind\n      title\n      country\n      aliases\n      facts(first: 100) {\n        totalCount\n        edges {\n          node {\n            ...FactCardFields\n          }\n        }\n      }\n    }\n    interactions(filter: { actorIds: [$id] }, asOf: $asOf) {\n      source {\n        id\n        name\n      }\n      target {\n        id\n        name\n      }\n      kinds\n      facts {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ActorPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActorsIndex {\n    actors {\n      id\n      name\n      kind\n      title\n      country\n    }\n  }\n"): typeof import('./graphql').ActorsIndexDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArticlePage($id: ID!, $asOf: AsOf) {\n    article(id: $id, asOf: $asOf) {\n      id\n      headline\n      publisher\n      publishedAt\n      url\n      facts {\n        ...FactCardFields\n      }\n    }\n  }\n"): typeof import('./graphql').ArticlePageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArticlesIndex {\n    articles {\n      id\n      headline\n      publisher\n      publishedAt\n    }\n  }\n"): typeof import('./graphql').ArticlesIndexDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Graph($first: Int!, $factsPerEdge: Int!) {\n    interactionCount\n    interactions(orderBy: FACTS, first: $first) {\n      source {\n        id\n        name\n        kind\n      }\n      target {\n        id\n        name\n        kind\n      }\n      kinds\n      factCount\n      facts(first: $factsPerEdge) {\n        id\n        summary\n      }\n    }\n  }\n"): typeof import('./graphql').GraphDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LogPage($after: Int, $first: Int) {\n    events(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          position\n          streamId\n          streamVersion\n          type\n          recordedAt\n          data\n          prevHash\n          hash\n        }\n      }\n    }\n    logHead {\n      position\n      hash\n    }\n  }\n"): typeof import('./graphql').LogPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LogHead {\n    logHead {\n      position\n      hash\n    }\n  }\n"): typeof import('./graphql').LogHeadDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
