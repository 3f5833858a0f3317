/**
 * The shapes of Dateline's read models: what the projections build and what the API, the CLI and
 * the web app read. Every state is plain JSON data (records and arrays, no Maps, Sets or classes),
 * so that a state can be digested with canonical JSON, written to a snapshot and read back as is.
 *
 * Records are keyed by id. Ids are slugs, and a slug such as "constructor" is valid, so look
 * entries up with `Object.hasOwn` (or the `get…` helpers in queries.ts), never with a bare index
 * on an object that came from JSON.parse.
 */

import type {
  ActorKind,
  FactKind,
  FactStatus,
  FuzzyDate,
  LinkRelation,
  ParticipantRole,
} from '@dateline/domain';
import type { FactInvolvements } from './involvements.js';

/** Where and when something entered the log. */
export interface LogStamp {
  /** The envelope's global position (1-based). */
  position: number;
  /** The envelope's recordedAt (ISO timestamp written by the store). */
  recordedAt: string;
}

// ---------------------------------------------------------------------------------------------
// timeline

export interface FactParticipant {
  actorId: string;
  role: ParticipantRole;
}

export interface FactQuote {
  text: string;
  speakerId?: string;
  paragraph?: number;
}

/** One article supporting a fact: the original source or a later corroboration. */
export interface Citation extends LogStamp {
  articleId: string;
  paragraph: number;
  excerpt: string;
  /** The words the article used for the date ("last week", "on Saturday"). */
  dateExpression?: string;
  /** Outside knowledge used alongside the article. */
  note?: string;
  kind: 'source' | 'corroboration';
}

export interface FactLink extends LogStamp {
  relation: LinkRelation;
  /** The fact at the other end. */
  factId: string;
  /** outgoing: this fact `relation` the other (this led_to that); incoming: the other `relation` this. */
  direction: 'outgoing' | 'incoming';
  /** The article that supports the link, when one was given. */
  evidence?: Omit<Citation, 'kind' | 'position' | 'recordedAt'>;
}

/** The fields a correction can change; also the "current revision" part of a fact. */
export interface FactContent {
  kind: FactKind;
  status: FactStatus;
  summary: string;
  occurred: FuzzyDate;
  participants: FactParticipant[];
  quotes: FactQuote[];
  topics: string[];
  places: string[];
}

export type FactContentField = keyof FactContent;

export type FactEventType =
  | 'FactRecorded'
  | 'FactCorroborated'
  | 'FactCorrected'
  | 'FactRetracted'
  | 'FactsLinked';

/** The evidence a correction cites, as its revision keeps it. */
export type RevisionEvidence = Pick<
  Citation,
  'articleId' | 'paragraph' | 'excerpt' | 'dateExpression'
>;

/** One event in a fact's life: which event, at which position and time, changed what. */
export interface FactRevision extends LogStamp {
  eventId: string;
  eventType: FactEventType;
  /**
   * Content fields (FactContentField) a correction changed, or the parts of the fact another
   * event touched: 'sources' (recorded, corroborated), 'links', 'retracted'.
   */
  changedFields: string[];
  /** The reason given by a correction or a retraction. */
  reason?: string;
  /** For a correction: the previous values of the fields it changed. */
  before?: Partial<FactContent>;
  /** For a correction: the new values of the fields it changed. */
  after?: Partial<FactContent>;
  /** The article involved (recorded, corroborated, cited for a link or as a correction's evidence). */
  articleId?: string;
  /**
   * For a correction with evidence: the article, paragraph and words it rests on (and the date
   * as the article put it, when the evidence gave one). Absent on other revisions.
   */
  evidence?: RevisionEvidence;
  /** One human sentence, e.g. "Corrected status and occurred: the call was planned, not held." */
  description: string;
}

export interface FactRetraction extends LogStamp {
  reason: string;
}

/** A fact in its current revision, with everything the log says about it. */
export interface TimelineFact extends FactContent {
  id: string;
  /** Original source first, then corroborations in log order. */
  sources: Citation[];
  /** Links in log order, both those this fact made and those made to it. */
  links: FactLink[];
  /** Every event of the fact's stream plus links made to it, in log order. */
  history: FactRevision[];
  retracted: boolean;
  retraction?: FactRetraction;
  /** True once a FactCorrected has been applied. */
  corrected: boolean;
  /** The fact stream's version (the number of events in `fact-<id>`): the expectedVersion for a write. */
  version: number;
  /** Position of the FactRecorded. */
  firstPosition: number;
  /** Position of the last event that changed this fact (including links made to it). */
  lastPosition: number;
  /** recordedAt of the FactRecorded. */
  recordedAt: string;
  /** recordedAt of the last event that changed this fact. */
  updatedAt: string;
}

export interface TimelineState {
  facts: Record<string, TimelineFact>;
}

// ---------------------------------------------------------------------------------------------
// actors

export interface ActorView extends LogStamp {
  id: string;
  name: string;
  kind: ActorKind;
  title?: string;
  /** ISO 3166-1 alpha-2, or EU. */
  country?: string;
  aliases: string[];
  /** Facts the actor takes part in (as a participant or a quoted speaker), in log order. */
  factIds: string[];
}

/**
 * What the actor-centred projections remember of each fact: enough to derive who interacted with
 * whom, and to undo it when a correction changes the kind, the participants or the quotes.
 */
export interface FactInvolvement {
  kind: FactKind;
  participants: FactParticipant[];
  /** Distinct ids of quoted speakers, in quote order. */
  speakerIds: string[];
}

/**
 * Actors, and whom each interacted with (same derivation as the interactions graph) as numbers in
 * flat lists: read it with partnersOf. Actors are numbered in registration order.
 */
export interface ActorsState {
  actors: Record<string, ActorView>;
  /** Who took part in each fact (see FactInvolvements). */
  facts: FactInvolvements;
  /** Per actor number: its id, and the first and last of its partner pairs (−1: none). */
  numbered: { id: string[]; firstPartner: number[]; lastPartner: number[] };
  /**
   * Per (actor, partner) pair: the partner's number, the first and last of its fact entries (−1:
   * none left after corrections), and the actor's next pair (−1: none).
   */
  partners: { other: number[]; first: number[]; last: number[]; next: number[] };
  /** Per fact entry: the fact id, and the pair's next entry (−1: none). */
  entries: { fact: string[]; next: number[] };
}

// ---------------------------------------------------------------------------------------------
// articles

export interface ArticleCitation extends LogStamp {
  factId: string;
  paragraph: number;
  excerpt: string;
  dateExpression?: string;
  /**
   * source: the fact was recorded from this article; corroboration: it confirms it; link: it
   * supports a link; correction: it is the evidence of a correction.
   */
  kind: 'source' | 'corroboration' | 'link' | 'correction';
  /** For kind 'link': the fact at the other end. */
  relatedFactId?: string;
}

export interface ArticleView extends LogStamp {
  id: string;
  publisher: string;
  headline: string;
  /** A date (YYYY-MM-DD) or an ISO timestamp with zone, as recorded. */
  publishedAt: string;
  url?: string;
  byline?: string;
  language?: string;
  textSha256: string;
  /** Distinct facts this article supports, in log order. */
  factIds: string[];
  /** Every paragraph cited, in log order. */
  citations: ArticleCitation[];
}

export interface ArticlesState {
  articles: Record<string, ArticleView>;
  /** Fact id → ids of the articles citing it (sources, corroborations, link and correction evidence). */
  factArticles: Record<string, string[]>;
}

// ---------------------------------------------------------------------------------------------
// interactions

/**
 * How two actors interacted in a fact, derived from participant roles:
 * - a FactKind ('call', 'meeting', 'summit', …): both took part (initiator, recipient, host, attendee);
 * - 'addressed': one (speaker, author, initiator, host) spoke or wrote to the other (addressee);
 * - 'discussed': one (any taking part, or a quoted speaker) spoke about the other (subject);
 * - 'excluded': the other was named as left out of what the first took part in.
 */
export type InteractionKind = FactKind | 'addressed' | 'discussed' | 'excluded';

export interface InteractionVia {
  factId: string;
  kind: InteractionKind;
  /** Direction within the fact: who addressed, discussed or excluded whom; for co-participation, the pair in id order. */
  from: string;
  to: string;
}

/** An undirected actor-to-actor edge: `source` < `target` by id, `id` = `${source}~${target}`. */
export interface InteractionEdge {
  id: string;
  source: string;
  target: string;
  /** Distinct kinds, sorted. */
  kinds: InteractionKind[];
  /** Distinct facts behind the edge, in log order. */
  factIds: string[];
  /** Each (fact, kind, direction) behind the edge, in log order. */
  via: InteractionVia[];
}

/**
 * The graph as numbers in flat lists (read edges with interactionEdges or queryInteractions).
 * Actors and kinds are numbered in order of first use; an edge or an interaction is an index into
 * the lists of `edges` or `vias`.
 */
export interface InteractionsState {
  /** Who took part in each fact (see FactInvolvements). */
  facts: FactInvolvements;
  /** Actor ids by number. */
  actors: string[];
  /** Interaction kinds by number. */
  kinds: string[];
  /**
   * Per edge: its source and target actors (the source's id sorts first), and its first and last
   * interaction (−1 when corrections have taken every interaction away).
   */
  edges: { source: number[]; target: number[]; first: number[]; last: number[] };
  /** Per interaction: its fact, kind, the actor it goes from, and the edge's next one (−1: none). */
  vias: { fact: string[]; kind: number[]; from: number[]; next: number[] };
}

// ---------------------------------------------------------------------------------------------
// all together

/** The four read models as of one log position. */
export interface ReadModels {
  timeline: TimelineState;
  actors: ActorsState;
  articles: ArticlesState;
  interactions: InteractionsState;
}

export type ReadModelName = keyof ReadModels;

/** Filters of the timeline query; every given criterion must match (lists match any of their values). */
export interface TimelineFilter {
  /** ISO date: keep facts whose fuzzy span ends on or after it (overlap, not containment). */
  from?: string;
  /** ISO date: keep facts whose fuzzy span begins on or before it. */
  to?: string;
  actorIds?: string[];
  /** Countries of the participants' actors (ISO alpha-2 or EU). */
  countries?: string[];
  kinds?: FactKind[];
  statuses?: FactStatus[];
  topics?: string[];
  articleIds?: string[];
  /** Case-insensitive substring of the summary, a quote, or a participant's name or alias. */
  text?: string;
  /** Retracted facts stay visible as retracted by default; false hides them. */
  includeRetracted?: boolean;
}

export interface InteractionFilter {
  /** Edges touching any of these actors. */
  actorIds?: string[];
  kinds?: InteractionKind[];
  /** Only edges with a fact recorded from/corroborated by these articles. */
  articleIds?: string[];
  /** Edges whose facts are all retracted are hidden unless true. */
  includeRetracted?: boolean;
}
