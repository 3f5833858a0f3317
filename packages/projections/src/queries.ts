import { compareFuzzyDates, isIsoDate, isoTimestampMs } from '@dateline/domain';
import { canonicalJson } from '@dateline/event-store';
import { restrictActors } from './actors.js';
import { interactionEdges, restrictInteractions } from './interactions.js';
import { PositionMemo } from './position-memo.js';
import { emptyRecord, own } from './projection.js';
import type {
  ActorView,
  ArticleView,
  Citation,
  FactContent,
  InteractionEdge,
  InteractionFilter,
  ReadModels,
  TimelineFact,
  TimelineFilter,
  TimelineState,
} from './read-models.js';

export function getFact(models: ReadModels, id: string): TimelineFact | undefined {
  return own(models.timeline.facts, id);
}

export function getActor(models: ReadModels, id: string): ActorView | undefined {
  return own(models.actors.actors, id);
}

export function getArticle(models: ReadModels, id: string): ArticleView | undefined {
  return own(models.articles.articles, id);
}

/** Chronological order: earliest day, then latest day (a week sorts after a day it begins on), then log position. */
export function compareFacts(a: SortKey, b: SortKey): number {
  return compareFuzzyDates(a.occurred, b.occurred) || a.firstPosition - b.firstPosition;
}

function involvedActorIds(fact: TimelineFact): string[] {
  const ids: string[] = [];
  for (const p of fact.participants) if (!ids.includes(p.actorId)) ids.push(p.actorId);
  for (const q of fact.quotes)
    if (q.speakerId !== undefined && !ids.includes(q.speakerId)) ids.push(q.speakerId);
  return ids;
}

function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0;
}

/**
 * A predicate for one filter, prepared once (lower-cased text, sets) and applied to many facts.
 * Actors are those a fact involves: its participants and its quoted speakers.
 */
export function factMatcher(
  models: ReadModels,
  filter: TimelineFilter = {},
): (fact: TimelineFact) => boolean {
  const from = filter.from?.slice(0, 10);
  const to = filter.to?.slice(0, 10);
  const actorIds = nonEmpty(filter.actorIds) ? new Set(filter.actorIds) : undefined;
  const countries = nonEmpty(filter.countries)
    ? new Set(filter.countries.map((c) => c.toUpperCase()))
    : undefined;
  const kinds = nonEmpty(filter.kinds) ? new Set<string>(filter.kinds) : undefined;
  const statuses = nonEmpty(filter.statuses) ? new Set<string>(filter.statuses) : undefined;
  const topics = nonEmpty(filter.topics)
    ? new Set(filter.topics.map((t) => t.toLowerCase()))
    : undefined;
  const articleIds = nonEmpty(filter.articleIds) ? new Set(filter.articleIds) : undefined;
  // Compared composed (NFC): the same words typed with combining accents must still match.
  const text = filter.text?.trim().normalize('NFC').toLowerCase() || undefined;
  const folded = (value: string) => value.normalize('NFC').toLowerCase();
  const includeRetracted = filter.includeRetracted ?? true;

  // An actor's names, folded once per matcher: a text query meets each actor in many facts.
  const actorTexts = new Map<string, string>();
  const actorText = (id: string): string => {
    let text = actorTexts.get(id);
    if (text === undefined) {
      const actor = own(models.actors.actors, id);
      text = actor ? folded([actor.name, ...actor.aliases].join('\n')) : '';
      actorTexts.set(id, text);
    }
    return text;
  };

  return (fact) => {
    if (!includeRetracted && fact.retracted) return false;
    if (from !== undefined && fact.occurred.latest < from) return false;
    if (to !== undefined && fact.occurred.earliest > to) return false;
    if (kinds && !kinds.has(fact.kind)) return false;
    if (statuses && !statuses.has(fact.status)) return false;
    if (topics && !fact.topics.some((t) => topics.has(t.toLowerCase()))) return false;
    if (articleIds && !fact.sources.some((s) => articleIds.has(s.articleId))) return false;
    if (actorIds || countries) {
      const involved = involvedActorIds(fact);
      if (actorIds && !involved.some((id) => actorIds.has(id))) return false;
      if (
        countries &&
        !involved.some((id) => {
          const country = own(models.actors.actors, id)?.country;
          return country !== undefined && countries.has(country);
        })
      )
        return false;
    }
    if (text !== undefined) {
      const found =
        folded(fact.summary).includes(text) ||
        fact.quotes.some((q) => folded(q.text).includes(text)) ||
        involvedActorIds(fact).some((id) => actorText(id).includes(text));
      if (!found) return false;
    }
    return true;
  };
}

/** The facts matching the filter, in chronological order (see compareFacts). */
export function queryTimeline(models: ReadModels, filter: TimelineFilter = {}): TimelineFact[] {
  return chronological(models.timeline).filter(factMatcher(models, filter));
}

const timelineAnswers = new PositionMemo<readonly TimelineFact[]>();

/**
 * queryTimeline for a caller that knows the log position its read models reflect (the API, on
 * every request): the answer for a state, position and filter is kept until the position moves, so
 * paging through a timeline costs the page, not a walk over every fact. States change in place and
 * every change moves the position. The array is shared between callers: never change it.
 */
export function queryTimelineAt(
  models: ReadModels,
  position: number,
  filter: TimelineFilter = {},
): readonly TimelineFact[] {
  return timelineAnswers.get(models.timeline, position, filterKey(filter), () =>
    queryTimeline(models, filter),
  );
}

// One key per filter whatever order its fields came in; lists keep their order (it does not change
// the answer, and a different order only costs one more computed answer).
function filterKey(filter: TimelineFilter): string {
  const entries = Object.entries(filter).filter(([, value]) => value !== undefined);
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Where a page after `key` starts in facts sorted by compareFacts: the first fact that sorts after
 * it, found by bisection.
 */
export function indexAfter(sorted: readonly TimelineFact[], key: SortKey): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareFacts(sorted[mid]!, key) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** What the chronological order of facts depends on (a page cursor carries it). */
export type SortKey = Pick<TimelineFact, 'occurred' | 'firstPosition'>;

// The chronological order of a timeline state, kept until the state changes. States are updated in
// place, so a change is recognised by its signature: the number of facts and the last position that
// touched any of them (every event that can move a fact raises it). Computing the signature is one
// pass over the facts; sorting them on every query was most of the cost of a timeline request.
const orderCache = new WeakMap<
  TimelineState,
  { count: number; last: number; order: TimelineFact[] }
>();

function chronological(state: TimelineState): TimelineFact[] {
  const facts = Object.values(state.facts);
  let last = 0;
  for (const fact of facts) if (fact.lastPosition > last) last = fact.lastPosition;
  const cached = orderCache.get(state);
  if (cached && cached.count === facts.length && cached.last === last) return cached.order;
  const order = facts.sort(compareFacts);
  orderCache.set(state, { count: order.length, last, order });
  return order;
}

/** An actor's facts in chronological order. */
export function factsOfActor(models: ReadModels, actorId: string): TimelineFact[] {
  return factsByIds(models, getActor(models, actorId)?.factIds ?? []);
}

/** The facts an article supports, in chronological order. */
export function factsOfArticle(models: ReadModels, articleId: string): TimelineFact[] {
  return factsByIds(models, getArticle(models, articleId)?.factIds ?? []);
}

function factsByIds(models: ReadModels, ids: readonly string[]): TimelineFact[] {
  const out: TimelineFact[] = [];
  for (const id of ids) {
    const fact = getFact(models, id);
    if (fact) out.push(fact);
  }
  return out.sort(compareFacts);
}

/** Actors by name, then id. */
export function listActors(models: ReadModels): ActorView[] {
  return Object.values(models.actors.actors).sort(
    (a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Articles by publication, then id. */
export function listArticles(models: ReadModels): ArticleView[] {
  return Object.values(models.articles.articles).sort((a, b) => {
    const x = publishedInstant(a.publishedAt);
    const y = publishedInstant(b.publishedAt);
    return x - y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** A topic and how many facts carry it. */
export interface TopicCount {
  topic: string;
  factCount: number;
}

/**
 * Every topic of the timeline with the number of facts that carry it (retracted facts included, as
 * the timeline includes them), by topic. One pass over the facts. Topics are grouped as the
 * timeline's topic filter matches them, whatever their case, so a count is what filtering by the
 * topic finds: "Peacekeeping" on one fact and "peacekeeping" on another are one topic of two facts,
 * named by the spelling that sorts first (whatever order the facts are read in).
 */
export function listTopics(models: ReadModels): TopicCount[] {
  const counts = new Map<string, TopicCount>();
  const seen = new Set<string>();
  for (const fact of Object.values(models.timeline.facts)) {
    seen.clear();
    for (const topic of fact.topics) {
      const key = topic.toLowerCase();
      if (seen.has(key)) continue; // the same topic twice on one fact (logs written before it was refused)
      seen.add(key);
      const entry = counts.get(key);
      if (!entry) counts.set(key, { topic, factCount: 1 });
      else {
        entry.factCount++;
        if (topic < entry.topic) entry.topic = topic;
      }
    }
  }
  return [...counts.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/** How interaction edges are ordered: by id, or those resting on the most facts first. */
export type InteractionOrder = 'id' | 'facts';

const byEdgeId = (a: InteractionEdge, b: InteractionEdge) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Interaction edges matching the filter, by id (or, with order 'facts', those resting on the most
 * facts first, then by id). Facts that are retracted are left out of each edge (and an edge left
 * with none is dropped) unless includeRetracted is true.
 */
export function queryInteractions(
  models: ReadModels,
  filter: InteractionFilter = {},
  order: InteractionOrder = 'id',
): InteractionEdge[] {
  const actorIds = nonEmpty(filter.actorIds) ? new Set(filter.actorIds) : undefined;
  const kinds = nonEmpty(filter.kinds) ? new Set<string>(filter.kinds) : undefined;
  const articleIds = nonEmpty(filter.articleIds) ? new Set(filter.articleIds) : undefined;
  const includeRetracted = filter.includeRetracted ?? false;
  const keepFact = (factId: string) => {
    const fact = getFact(models, factId);
    if (!fact) return false;
    if (!includeRetracted && fact.retracted) return false;
    if (articleIds && !fact.sources.some((s) => articleIds.has(s.articleId))) return false;
    return true;
  };
  // A fact is looked up once per edge it is on, not once per interaction.
  let lastFact: string | undefined;
  let lastKept = false;
  const out = interactionEdges(models.interactions, {
    ...(actorIds ? { actorIds } : {}),
    keep: (factId, kind) => {
      if (kinds && !kinds.has(kind)) return false;
      if (factId !== lastFact) {
        lastFact = factId;
        lastKept = keepFact(factId);
      }
      return lastKept;
    },
  });
  return order === 'facts' ? sortInteractions(out, 'facts') : out.sort(byEdgeId);
}

/** A copy of the edges in the order asked (see queryInteractions). */
export function sortInteractions(
  edges: readonly InteractionEdge[],
  order: InteractionOrder,
): InteractionEdge[] {
  const compare =
    order === 'facts'
      ? (a: InteractionEdge, b: InteractionEdge) =>
          b.factIds.length - a.factIds.length || byEdgeId(a, b)
      : byEdgeId;
  return [...edges].sort(compare);
}

/** Milliseconds of a publication time; a bare date counts from the start of that day (UTC). */
export function publishedInstant(publishedAt: string): number {
  return Date.parse(publishedAt.length === 10 ? `${publishedAt}T00:00:00Z` : publishedAt);
}

/**
 * "Published by D": a bare date D includes every article whose own publication date is on or
 * before D (the date as the publisher wrote it); a timestamp D compares instants, and an article
 * known only to the day counts once that whole day (UTC) is over, never earlier than it can be
 * known to be out. Anything but a calendar date or a timestamp with its zone is refused.
 */
export function publishedBy(date: string): (publishedAt: string) => boolean {
  if (isIsoDate(date)) return (publishedAt) => publishedAt.slice(0, 10) <= date;
  const limit = isoTimestampMs(date);
  if (limit === undefined)
    throw new RangeError(
      `"${date}" is not a date (YYYY-MM-DD) or a timestamp with its zone (2025-02-17T09:30:00Z)`,
    );
  return (publishedAt) =>
    (publishedAt.length === 10
      ? publishedInstant(publishedAt) + DAY_MS - 1
      : publishedInstant(publishedAt)) <= limit;
}

const DAY_MS = 86_400_000;

/** What a correction may say about what happened and when, which D's own articles must support. */
const REPORTED_FIELDS: ReadonlySet<string> = new Set(['status', 'occurred']);

type Revision = TimelineFact['history'][number];

/**
 * Whether the status and date a correction gives were reported by D. One with evidence was when
 * its article was published by D. One without evidence was made on the strength of the fact's
 * sources at that point (as the domain's rule for corrections has it), so it was when all of them
 * were published by D: "the summit took place", recorded once a later article said so, is not
 * what the earlier articles reported.
 */
function reportedBy(fact: TimelineFact, revision: Revision, visible: (id: string) => boolean) {
  if (revision.articleId !== undefined) return visible(revision.articleId);
  return fact.sources.every((s) => s.position > revision.position || visible(s.articleId));
}

/**
 * A correction as a view sees it: only the reported fields it gives in `kept` (with their values
 * before it from `before`), and its other fields; undefined when it changes nothing left.
 */
function correctionAs(
  revision: Revision,
  kept: readonly string[],
  before: Readonly<Record<string, unknown>>,
): Revision | undefined {
  const changedFields = revision.changedFields.filter(
    (f) => !REPORTED_FIELDS.has(f) || kept.includes(f),
  );
  if (changedFields.length === 0) return undefined;
  const pick = (values: Revision['before'], override?: Readonly<Record<string, unknown>>) =>
    Object.fromEntries(
      Object.entries(values ?? {})
        .filter(([f]) => changedFields.includes(f))
        .map(([f, value]) => [f, override && f in override ? override[f] : value]),
    );
  return {
    ...revision,
    after: pick(revision.after),
    before: pick(revision.before, before),
    changedFields,
    description: `Corrected ${changedFields.join(', ')}: ${revision.reason ?? ''}`,
  };
}

/**
 * A fact as reported by D: its sources, and the revisions citing them, narrowed to the articles
 * published by D. What happened and when (status, occurred) is what D's articles supported: a
 * correction of them that later reporting brought is undone. A correction kept after an undone
 * one shows the values it changed as this view had them (and leaves out a field it would only
 * set to the value it already had here). The other fields a correction changes (summary,
 * participants, quotes, topics, places) stay the log's current understanding of what the
 * articles said, as retractions do. Version, last position and time are those of the revisions
 * left. Undefined when no source is left.
 */
function factReportedBy(
  fact: TimelineFact,
  visible: (articleId: string) => boolean,
): TimelineFact | undefined {
  const sources = fact.sources.filter((s) => visible(s.articleId));
  if (sources.length === 0) return undefined;
  const unreported = (h: Revision) =>
    h.eventType === 'FactCorrected' &&
    h.changedFields.some((f) => REPORTED_FIELDS.has(f)) &&
    !reportedBy(fact, h, visible);
  const shown = (h: Revision) =>
    h.eventType === 'FactCorrected' || h.articleId === undefined || visible(h.articleId);
  if (
    sources.length === fact.sources.length &&
    fact.history.every((h) => shown(h) && !unreported(h))
  )
    return fact;

  // The reported fields as this view has them, from their values when the fact was recorded (the
  // value before the first correction of each), forward through the corrections it keeps.
  const current: Record<string, unknown> = {};
  for (const h of fact.history)
    for (const f of h.eventType === 'FactCorrected' ? h.changedFields : [])
      if (REPORTED_FIELDS.has(f) && !(f in current))
        current[f] = (h.before as Record<string, unknown>)[f];
  for (const f of REPORTED_FIELDS)
    if (!(f in current)) current[f] = (fact as unknown as Record<string, unknown>)[f];

  const history: Revision[] = [];
  for (const h of fact.history) {
    if (!shown(h)) continue;
    if (h.eventType !== 'FactCorrected') {
      history.push(h);
      continue;
    }
    const gives = h.changedFields.filter((f) => REPORTED_FIELDS.has(f));
    const after = h.after as Record<string, unknown>;
    const before = h.before as Record<string, unknown>;
    const kept = unreported(h)
      ? []
      : gives.filter((f) => canonicalJson(after[f]) !== canonicalJson(current[f]));
    const seen = Object.fromEntries(kept.map((f) => [f, current[f]]));
    const same =
      kept.length === gives.length &&
      kept.every((f) => canonicalJson(before[f]) === canonicalJson(current[f]));
    const revision = same ? h : correctionAs(h, kept, seen);
    for (const f of kept) current[f] = after[f];
    if (revision) history.push(revision);
  }

  const incoming = new Set(
    fact.links.filter((l) => l.direction === 'incoming').map((l) => l.position),
  );
  const kept = new Set(history.map((h) => h.position));
  const ownRemoved = fact.history.filter(
    (h) => !kept.has(h.position) && !(h.eventType === 'FactsLinked' && incoming.has(h.position)),
  ).length;
  const last = history.at(-1) as Revision; // the FactRecorded cites a visible source
  const [first, ...rest] = sources;
  return {
    ...fact,
    ...(current as Partial<FactContent>),
    corrected: history.some((h) => h.eventType === 'FactCorrected'),
    history,
    lastPosition: last.position,
    sources: [{ ...(first as Citation), kind: 'source' }, ...rest],
    updatedAt: last.recordedAt,
    version: fact.version - ownRemoved,
  };
}

/**
 * The story as reported by date D: only articles published by D, only the citations and
 * corroborations from them, and only facts with a source left (the earliest remaining citation
 * becomes the source), and only links between remaining facts whose evidence, if any, was
 * published by then. Retractions and corrections stay applied (the log's current understanding
 * of what those articles said), except a correction of status or date that later reporting
 * brought (see factReportedBy). Returns new read models; the input is not changed.
 */
export function asReportedBy(models: ReadModels, date: string): ReadModels {
  const isPublished = publishedBy(date);
  // factArticles is narrowed to the visible articles by restrictToFacts below.
  const articles: ReadModels['articles'] = {
    articles: emptyRecord(),
    factArticles: models.articles.factArticles,
  };
  for (const article of Object.values(models.articles.articles)) {
    if (isPublished(article.publishedAt)) articles.articles[article.id] = article;
  }
  const visible = (articleId: string) => Object.hasOwn(articles.articles, articleId);

  const facts = emptyRecord<TimelineFact>();
  for (const fact of Object.values(models.timeline.facts)) {
    const reported = factReportedBy(fact, visible);
    if (reported) facts[fact.id] = reported;
  }
  const kept = (factId: string) => Object.hasOwn(facts, factId);
  const keepLink = (link: TimelineFact['links'][number]) =>
    kept(link.factId) && (link.evidence === undefined || visible(link.evidence.articleId));
  for (const [id, fact] of Object.entries(facts)) {
    if (fact.links.every(keepLink)) continue;
    // A link the view leaves out leaves the fact's history too, with its share of the version
    // (a link this fact made is an event of its stream) and of the last position.
    const dropped = new Map(
      fact.links.filter((l) => !keepLink(l)).map((l) => [l.position, l.direction] as const),
    );
    const history = fact.history.filter(
      (h) => !(h.eventType === 'FactsLinked' && dropped.has(h.position)),
    );
    const ownDropped = fact.history.filter(
      (h) => h.eventType === 'FactsLinked' && dropped.get(h.position) === 'outgoing',
    ).length;
    const last = history.at(-1) ?? fact.history[0];
    facts[id] = {
      ...fact,
      history,
      lastPosition: last?.position ?? fact.lastPosition,
      links: fact.links.filter(keepLink),
      updatedAt: last?.recordedAt ?? fact.updatedAt,
      version: fact.version - ownDropped,
    };
  }
  return restrictToFacts({ ...models, articles, timeline: { facts } }, kept);
}

/**
 * The same read models with only the facts `keep` accepts, in the actors, articles and
 * interactions too. Objects that need no change are shared with the input.
 */
export function restrictToFacts(models: ReadModels, keep: (factId: string) => boolean): ReadModels {
  const timeline: ReadModels['timeline'] = { facts: emptyRecord() };
  for (const [id, fact] of Object.entries(models.timeline.facts)) {
    if (keep(id)) timeline.facts[id] = fact;
  }

  const actors = restrictActors(models.actors, keep);

  const articles: ReadModels['articles'] = {
    articles: emptyRecord(),
    factArticles: emptyRecord(),
  };
  for (const [id, list] of Object.entries(models.articles.factArticles)) {
    if (keep(id))
      articles.factArticles[id] = list.filter((a) => Object.hasOwn(models.articles.articles, a));
  }
  for (const article of Object.values(models.articles.articles)) {
    articles.articles[article.id] = {
      ...article,
      factIds: article.factIds.filter(keep),
      citations: article.citations.filter(
        (c) => keep(c.factId) && (c.relatedFactId === undefined || keep(c.relatedFactId)),
      ),
    };
  }

  const interactions = restrictInteractions(models.interactions, keep);
  return { timeline, actors, articles, interactions };
}
