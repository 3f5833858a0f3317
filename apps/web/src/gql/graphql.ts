/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ActorKind =
  | 'ANONYMOUS_SOURCE'
  | 'GOVERNMENT'
  | 'GROUP'
  | 'ORGANISATION'
  | 'PERSON'
  | 'STATE';

/** Time travel; give exactly one. position/recordedAt: the log as it stood then. reportedBy: only what articles published by that date reported. */
export type AsOf = {
  /** After this log position. */
  position?: number | null | undefined;
  /** As recorded by this ISO timestamp (a bare date means the end of that day, UTC; today's date, the present). A time still to come is refused. */
  recordedAt?: string | null | undefined;
  /** Publication date (YYYY-MM-DD) or ISO timestamp: articles published by then, the facts and citations from them, and each fact's status and date as those articles gave them (a correction of either that a later article brought is left out; other corrections and retractions stay applied). */
  reportedBy?: string | null | undefined;
};

/** How precise a fuzzy date really is: a WEEK is a Monday-to-Sunday span, never a day. */
export type DatePrecision =
  | 'DAY'
  | 'MONTH'
  | 'RANGE'
  | 'WEEK'
  | 'WEEKEND'
  | 'YEAR';

/** What sort of fact it is. */
export type FactKind =
  | 'ANNOUNCEMENT'
  | 'BACKGROUND'
  | 'CALL'
  | 'DECISION'
  | 'DOCUMENT'
  | 'MEETING'
  | 'PLEDGE'
  | 'REPORT'
  | 'STATEMENT'
  | 'SUMMIT'
  | 'TALKS'
  | 'VISIT';

/** Whether it happened, is happening, is planned or expected, or was cancelled. */
export type FactStatus =
  | 'CANCELLED'
  | 'EXPECTED'
  | 'OCCURRED'
  | 'ONGOING'
  | 'PLANNED';

/** A fact kind (both took part), ADDRESSED (one spoke or wrote to the other), DISCUSSED (one spoke about the other) or EXCLUDED (the other was left out). */
export type InteractionKind =
  | 'ADDRESSED'
  | 'ANNOUNCEMENT'
  | 'BACKGROUND'
  | 'CALL'
  | 'DECISION'
  | 'DISCUSSED'
  | 'DOCUMENT'
  | 'EXCLUDED'
  | 'MEETING'
  | 'PLEDGE'
  | 'REPORT'
  | 'STATEMENT'
  | 'SUMMIT'
  | 'TALKS'
  | 'VISIT';

/** OUTGOING: this fact relates to the other (this LED_TO that); INCOMING: the reverse. */
export type LinkDirection =
  | 'INCOMING'
  | 'OUTGOING';

export type LinkRelation =
  | 'LED_TO'
  | 'PART_OF'
  | 'PREPARES'
  | 'RESPONDS_TO';

export type ParticipantRole =
  | 'ADDRESSEE'
  | 'ATTENDEE'
  | 'AUTHOR'
  | 'EXCLUDED'
  | 'HOST'
  | 'INITIATOR'
  | 'PUBLISHER'
  | 'RECIPIENT'
  | 'SPEAKER'
  | 'SUBJECT';

/** Every given criterion must match; lists match any value. */
export type TimelineFilter = {
  /** Facts involving any of these actors. */
  actorIds?: Array<string | number> | null | undefined;
  /** Facts supported by any of these articles. */
  articleIds?: Array<string | number> | null | undefined;
  /** Facts involving an actor of any of these countries (ISO alpha-2 or EU). */
  countries?: Array<string> | null | undefined;
  /** YYYY-MM-DD: facts whose span ends on or after it. */
  from?: string | null | undefined;
  /** Retracted facts are listed (as retracted) unless this is false. */
  includeRetracted?: boolean | null | undefined;
  kinds?: Array<FactKind> | null | undefined;
  statuses?: Array<FactStatus> | null | undefined;
  /** Case-insensitive text in the summary, a quote, or a participant's name or alias. */
  text?: string | null | undefined;
  /** YYYY-MM-DD: facts whose span begins on or before it. */
  to?: string | null | undefined;
  topics?: Array<string> | null | undefined;
};

export type FactCardFieldsFragment = { id: string, kind: FactKind, status: FactStatus, summary: string, retracted: boolean, corrected: boolean, lastPosition: number, topics: Array<string>, places: Array<string>, retraction: { reason: string } | null, occurred: { earliest: string, latest: string, precision: DatePrecision, label: string, expression: string | null }, participants: Array<{ role: ParticipantRole, actor: { id: string, name: string, country: string | null } }>, quotes: Array<{ text: string, speaker: { id: string, name: string } | null }>, sources: Array<{ paragraph: number, excerpt: string, dateExpression: string | null, article: { id: string, headline: string, publisher: string, publishedAt: string } }>, history: Array<{ position: number, type: string, recordedAt: string, changedFields: Array<string>, description: string, reason: string | null }> };

export type StorylineQueryVariables = Exact<{
  filter?: TimelineFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  asOf?: AsOf | null | undefined;
}>;


export type StorylineQuery = { timeline: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, kind: FactKind, status: FactStatus, summary: string, retracted: boolean, corrected: boolean, lastPosition: number, topics: Array<string>, places: Array<string>, retraction: { reason: string } | null, occurred: { earliest: string, latest: string, precision: DatePrecision, label: string, expression: string | null }, participants: Array<{ role: ParticipantRole, actor: { id: string, name: string, country: string | null } }>, quotes: Array<{ text: string, speaker: { id: string, name: string } | null }>, sources: Array<{ paragraph: number, excerpt: string, dateExpression: string | null, article: { id: string, headline: string, publisher: string, publishedAt: string } }>, history: Array<{ position: number, type: string, recordedAt: string, changedFields: Array<string>, description: string, reason: string | null }> } }> }, logHead: { position: number, hash: string } };

export type FilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type FilterOptionsQuery = { actors: Array<{ id: string, name: string, country: string | null }>, topics: Array<{ name: string }> };

export type FactPageQueryVariables = Exact<{
  id: string | number;
  asOf?: AsOf | null | undefined;
}>;


export type FactPageQuery = { fact: { id: string, kind: FactKind, status: FactStatus, summary: string, retracted: boolean, corrected: boolean, lastPosition: number, topics: Array<string>, places: Array<string>, sources: Array<{ paragraph: number, excerpt: string, dateExpression: string | null, note: string | null, article: { id: string, headline: string, publisher: string, publishedAt: string, url: string | null } }>, history: Array<{ before: unknown, after: unknown, position: number, type: string, recordedAt: string, changedFields: Array<string>, description: string, reason: string | null, article: { id: string, headline: string } | null, evidence: { paragraph: number, excerpt: string, dateExpression: string | null, article: { id: string, headline: string, publisher: string, publishedAt: string } } | null }>, links: Array<{ relation: LinkRelation, direction: LinkDirection, evidence: { paragraph: number, excerpt: string, note: string | null, article: { id: string, headline: string, publisher: string, publishedAt: string } } | null, fact: { id: string, summary: string, occurred: { earliest: string, latest: string, precision: DatePrecision } } }>, retraction: { reason: string } | null, occurred: { earliest: string, latest: string, precision: DatePrecision, label: string, expression: string | null }, participants: Array<{ role: ParticipantRole, actor: { id: string, name: string, country: string | null } }>, quotes: Array<{ text: string, speaker: { id: string, name: string } | null }> } | null };

export type ActorPageQueryVariables = Exact<{
  id: string | number;
  asOf?: AsOf | null | undefined;
}>;


export type ActorPageQuery = { actor: { id: string, name: string, kind: ActorKind, title: string | null, country: string | null, aliases: Array<string>, facts: { totalCount: number, edges: Array<{ node: { id: string, kind: FactKind, status: FactStatus, summary: string, retracted: boolean, corrected: boolean, lastPosition: number, topics: Array<string>, places: Array<string>, retraction: { reason: string } | null, occurred: { earliest: string, latest: string, precision: DatePrecision, label: string, expression: string | null }, participants: Array<{ role: ParticipantRole, actor: { id: string, name: string, country: string | null } }>, quotes: Array<{ text: string, speaker: { id: string, name: string } | null }>, sources: Array<{ paragraph: number, excerpt: string, dateExpression: string | null, article: { id: string, headline: string, publisher: string, publishedAt: string } }>, history: Array<{ position: number, type: string, recordedAt: string, changedFields: Array<string>, description: string, reason: string | null }> } }> } } | null, interactions: Array<{ kinds: Array<InteractionKind>, source: { id: string, name: string }, target: { id: string, name: string }, facts: Array<{ id: string }> }> };

export type ActorsIndexQueryVariables = Exact<{ [key: string]: never; }>;


export type ActorsIndexQuery = { actors: Array<{ id: string, name: string, kind: ActorKind, title: string | null, country: string | null }> };

export type ArticlePageQueryVariables = Exact<{
  id: string | number;
  asOf?: AsOf | null | undefined;
}>;


export type ArticlePageQuery = { article: { id: string, headline: string, publisher: string, publishedAt: string, url: string | null, facts: Array<{ id: string, kind: FactKind, status: FactStatus, summary: string, retracted: boolean, corrected: boolean, lastPosition: number, topics: Array<string>, places: Array<string>, retraction: { reason: string } | null, occurred: { earliest: string, latest: string, precision: DatePrecision, label: string, expression: string | null }, participants: Array<{ role: ParticipantRole, actor: { id: string, name: string, country: string | null } }>, quotes: Array<{ text: string, speaker: { id: string, name: string } | null }>, sources: Array<{ paragraph: number, excerpt: string, dateExpression: string | null, article: { id: string, headline: string, publisher: string, publishedAt: string } }>, history: Array<{ position: number, type: string, recordedAt: string, changedFields: Array<string>, description: string, reason: string | null }> }> } | null };

export type ArticlesIndexQueryVariables = Exact<{ [key: string]: never; }>;


export type ArticlesIndexQuery = { articles: Array<{ id: string, headline: string, publisher: string, publishedAt: string }> };

export type GraphQueryVariables = Exact<{
  first: number;
  factsPerEdge: number;
}>;


export type GraphQuery = { interactionCount: number, interactions: Array<{ kinds: Array<InteractionKind>, factCount: number, source: { id: string, name: string, kind: ActorKind }, target: { id: string, name: string, kind: ActorKind }, facts: Array<{ id: string, summary: string }> }> };

export type LogPageQueryVariables = Exact<{
  after?: number | null | undefined;
  first?: number | null | undefined;
}>;


export type LogPageQuery = { events: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { position: number, streamId: string, streamVersion: number, type: string, recordedAt: string, data: unknown, prevHash: string, hash: string } }> }, logHead: { position: number, hash: string } };

export type LogHeadQueryVariables = Exact<{ [key: string]: never; }>;


export type LogHeadQuery = { logHead: { position: number, hash: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const FactCardFieldsFragmentDoc = new TypedDocumentString(`
    fragment FactCardFields on Fact {
  id
  kind
  status
  summary
  retracted
  corrected
  lastPosition
  retraction {
    reason
  }
  occurred {
    earliest
    latest
    precision
    label
    expression
  }
  participants {
    role
    actor {
      id
      name
      country
    }
  }
  quotes {
    text
    speaker {
      id
      name
    }
  }
  sources {
    paragraph
    excerpt
    dateExpression
    article {
      id
      headline
      publisher
      publishedAt
    }
  }
  topics
  places
  history {
    position
    type
    recordedAt
    changedFields
    description
    reason
  }
}
    `, {"fragmentName":"FactCardFields"}) as unknown as TypedDocumentString<FactCardFieldsFragment, unknown>;
export const StorylineDocument = new TypedDocumentString(`
    query Storyline($filter: TimelineFilter, $first: Int, $after: String, $asOf: AsOf) {
  timeline(filter: $filter, first: $first, after: $after, asOf: $asOf) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...FactCardFields
      }
    }
  }
  logHead {
    position
    hash
  }
}
    fragment FactCardFields on Fact {
  id
  kind
  status
  summary
  retracted
  corrected
  lastPosition
  retraction {
    reason
  }
  occurred {
    earliest
    latest
    precision
    label
    expression
  }
  participants {
    role
    actor {
      id
      name
      country
    }
  }
  quotes {
    text
    speaker {
      id
      name
    }
  }
  sources {
    paragraph
    excerpt
    dateExpression
    article {
      id
      headline
      publisher
      publishedAt
    }
  }
  topics
  places
  history {
    position
    type
    recordedAt
    changedFields
    description
    reason
  }
}`) as unknown as TypedDocumentString<StorylineQuery, StorylineQueryVariables>;
export const FilterOptionsDocument = new TypedDocumentString(`
    query FilterOptions {
  actors {
    id
    name
    country
  }
  topics {
    name
  }
}
    `) as unknown as TypedDocumentString<FilterOptionsQuery, FilterOptionsQueryVariables>;
export const FactPageDocument = new TypedDocumentString(`
    query FactPage($id: ID!, $asOf: AsOf) {
  fact(id: $id, asOf: $asOf) {
    ...FactCardFields
    sources {
      paragraph
      excerpt
      dateExpression
      note
      article {
        id
        headline
        publisher
        publishedAt
        url
      }
    }
    history {
      before
      after
      article {
        id
        headline
      }
      evidence {
        paragraph
        excerpt
        dateExpression
        article {
          id
          headline
          publisher
          publishedAt
        }
      }
    }
    links {
      relation
      direction
      evidence {
        paragraph
        excerpt
        note
        article {
          id
          headline
          publisher
          publishedAt
        }
      }
      fact {
        id
        summary
        occurred {
          earliest
          latest
          precision
        }
      }
    }
  }
}
    fragment FactCardFields on Fact {
  id
  kind
  status
  summary
  retracted
  corrected
  lastPosition
  retraction {
    reason
  }
  occurred {
    earliest
    latest
    precision
    label
    expression
  }
  participants {
    role
    actor {
      id
      name
      country
    }
  }
  quotes {
    text
    speaker {
      id
      name
    }
  }
  sources {
    paragraph
    excerpt
    dateExpression
    article {
      id
      headline
      publisher
      publishedAt
    }
  }
  topics
  places
  history {
    position
    type
    recordedAt
    changedFields
    description
    reason
  }
}`) as unknown as TypedDocumentString<FactPageQuery, FactPageQueryVariables>;
export const ActorPageDocument = new TypedDocumentString(`
    query ActorPage($id: ID!, $asOf: AsOf) {
  actor(id: $id, asOf: $asOf) {
    id
    name
    kind
    title
    country
    aliases
    facts(first: 100) {
      totalCount
      edges {
        node {
          ...FactCardFields
        }
      }
    }
  }
  interactions(filter: {actorIds: [$id]}, asOf: $asOf) {
    source {
      id
      name
    }
    target {
      id
      name
    }
    kinds
    facts {
      id
    }
  }
}
    fragment FactCardFields on Fact {
  id
  kind
  status
  summary
  retracted
  corrected
  lastPosition
  retraction {
    reason
  }
  occurred {
    earliest
    latest
    precision
    label
    expression
  }
  participants {
    role
    actor {
      id
      name
      country
    }
  }
  quotes {
    text
    speaker {
      id
      name
    }
  }
  sources {
    paragraph
    excerpt
    dateExpression
    article {
      id
      headline
      publisher
      publishedAt
    }
  }
  topics
  places
  history {
    position
    type
    recordedAt
    changedFields
    description
    reason
  }
}`) as unknown as TypedDocumentString<ActorPageQuery, ActorPageQueryVariables>;
export const ActorsIndexDocument = new TypedDocumentString(`
    query ActorsIndex {
  actors {
    id
    name
    kind
    title
    country
  }
}
    `) as unknown as TypedDocumentString<ActorsIndexQuery, ActorsIndexQueryVariables>;
export const ArticlePageDocument = new TypedDocumentString(`
    query ArticlePage($id: ID!, $asOf: AsOf) {
  article(id: $id, asOf: $asOf) {
    id
    headline
    publisher
    publishedAt
    url
    facts {
      ...FactCardFields
    }
  }
}
    fragment FactCardFields on Fact {
  id
  kind
  status
  summary
  retracted
  corrected
  lastPosition
  retraction {
    reason
  }
  occurred {
    earliest
    latest
    precision
    label
    expression
  }
  participants {
    role
    actor {
      id
      name
      country
    }
  }
  quotes {
    text
    speaker {
      id
      name
    }
  }
  sources {
    paragraph
    excerpt
    dateExpression
    article {
      id
      headline
      publisher
      publishedAt
    }
  }
  topics
  places
  history {
    position
    type
    recordedAt
    changedFields
    description
    reason
  }
}`) as unknown as TypedDocumentString<ArticlePageQuery, ArticlePageQueryVariables>;
export const ArticlesIndexDocument = new TypedDocumentString(`
    query ArticlesIndex {
  articles {
    id
    headline
    publisher
    publishedAt
  }
}
    `) as unknown as TypedDocumentString<ArticlesIndexQuery, ArticlesIndexQueryVariables>;
export const GraphDocument = new TypedDocumentString(`
    query Graph($first: Int!, $factsPerEdge: Int!) {
  interactionCount
  interactions(orderBy: FACTS, first: $first) {
    source {
      id
      name
      kind
    }
    target {
      id
      name
      kind
    }
    kinds
    factCount
    facts(first: $factsPerEdge) {
      id
      summary
    }
  }
}
    `) as unknown as TypedDocumentString<GraphQuery, GraphQueryVariables>;
export const LogPageDocument = new TypedDocumentString(`
    query LogPage($after: Int, $first: Int) {
  events(after: $after, first: $first) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        position
        streamId
        streamVersion
        type
        recordedAt
        data
        prevHash
        hash
      }
    }
  }
  logHead {
    position
    hash
  }
}
    `) as unknown as TypedDocumentString<LogPageQuery, LogPageQueryVariables>;
export const LogHeadDocument = new TypedDocumentString(`
    query LogHead {
  logHead {
    position
    hash
  }
}
    `) as unknown as TypedDocumentString<LogHeadQuery, LogHeadQueryVariables>;