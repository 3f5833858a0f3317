import {
  type Evidence,
  type FactChanges,
  type FuzzyDate,
  type LinkRelation,
  labelFor,
} from '@dateline/domain';
import {
  appended,
  type DecodedEvent,
  emptyRecord,
  InconsistentLogError,
  own,
  type Projection,
  required,
} from './projection.js';
import type {
  Citation,
  FactContent,
  FactContentField,
  FactLink,
  FactRevision,
  TimelineFact,
  TimelineState,
} from './read-models.js';

/** The order in which changed fields are listed, whatever order a correction gave them in. */
const CONTENT_FIELDS: FactContentField[] = [
  'kind',
  'status',
  'summary',
  'occurred',
  'participants',
  'quotes',
  'topics',
  'places',
];

const RELATION_WORDS: Record<LinkRelation, string> = {
  led_to: 'led to',
  responds_to: 'responds to',
  part_of: 'is part of',
  prepares: 'prepares',
};

function labelled(occurred: FuzzyDate): FuzzyDate {
  return occurred.label ? occurred : { ...occurred, label: labelFor(occurred) };
}

/** The evidence as stored in a read model: no undefined keys, so digests and snapshots agree. */
function cited(evidence: Evidence): NonNullable<FactLink['evidence']> {
  const out: NonNullable<FactLink['evidence']> = {
    articleId: evidence.articleId,
    paragraph: evidence.paragraph,
    excerpt: evidence.excerpt,
  };
  if (evidence.dateExpression !== undefined) out.dateExpression = evidence.dateExpression;
  if (evidence.note !== undefined) out.note = evidence.note;
  return out;
}

// Built field by field rather than with spreads: this runs for most events of a replay.
function citationOf(
  evidence: Evidence,
  kind: Citation['kind'],
  { envelope }: DecodedEvent,
): Citation {
  const out: Citation = {
    articleId: evidence.articleId,
    paragraph: evidence.paragraph,
    excerpt: evidence.excerpt,
    kind,
    position: envelope.position,
    recordedAt: envelope.recordedAt,
  };
  if (evidence.dateExpression !== undefined) out.dateExpression = evidence.dateExpression;
  if (evidence.note !== undefined) out.note = evidence.note;
  return out;
}

// The changed parts of all but corrections, one shared array each: a million revisions need not
// carry a million copies of ['sources']. Frozen: a reader that changed one would change them all.
const SOURCES = Object.freeze(['sources']) as string[];
const LINKS = Object.freeze(['links']) as string[];
const RETRACTED = Object.freeze(['retracted']) as string[];

function revision(
  { envelope }: DecodedEvent,
  // The literal type, rather than the envelope's copy of it: one string for every revision.
  eventType: FactRevision['eventType'],
  changedFields: string[],
  description: string,
  extra?: Pick<FactRevision, 'reason' | 'before' | 'after' | 'articleId'>,
): FactRevision {
  const out: FactRevision = {
    position: envelope.position,
    recordedAt: envelope.recordedAt,
    eventId: envelope.eventId,
    eventType,
    changedFields,
    description,
  };
  if (extra) Object.assign(out, extra);
  return out;
}

function touch(fact: TimelineFact, { envelope }: DecodedEvent, ownStream: boolean): void {
  fact.lastPosition = envelope.position;
  fact.updatedAt = envelope.recordedAt;
  if (ownStream) fact.version = envelope.streamVersion;
}

function applyCorrection(fact: TimelineFact, changes: FactChanges) {
  const changed: FactContentField[] = [];
  const before: Partial<FactContent> = {};
  const after: Partial<FactContent> = {};
  const put = <K extends FactContentField>(field: K, value: FactContent[K] | undefined) => {
    if (value === undefined) return;
    changed.push(field);
    before[field] = fact[field];
    after[field] = value;
    fact[field] = value as TimelineFact[K];
  };
  for (const field of CONTENT_FIELDS) {
    if (field === 'occurred')
      put('occurred', changes.occurred ? labelled(changes.occurred) : undefined);
    else put(field, changes[field]);
  }
  return { changed, before, after };
}

/** Every fact in its current revision, with its sources, links and history. Retracted facts stay. */
export const timelineProjection: Projection<TimelineState> = {
  name: 'timeline',
  version: 1,
  initialState: () => ({ facts: emptyRecord() }),
  evolve(state, decoded) {
    const { envelope, event } = decoded;
    switch (event.type) {
      case 'ArticleRecorded':
      case 'ActorRegistered':
        return state;
      case 'FactRecorded': {
        const content = event.data;
        const { factId, evidence } = content;
        if (own(state.facts, factId))
          throw new InconsistentLogError(`fact "${factId}" is recorded twice`);
        state.facts[factId] = {
          id: factId,
          kind: content.kind,
          status: content.status,
          summary: content.summary,
          occurred: labelled(content.occurred),
          participants: content.participants,
          quotes: content.quotes,
          topics: content.topics,
          places: content.places,
          sources: [citationOf(evidence, 'source', decoded)],
          links: [],
          history: [
            revision(
              decoded,
              'FactRecorded',
              SOURCES,
              `Recorded from article ${evidence.articleId}, paragraph ${evidence.paragraph}.`,
              { articleId: evidence.articleId },
            ),
          ],
          retracted: false,
          corrected: false,
          version: envelope.streamVersion,
          firstPosition: envelope.position,
          lastPosition: envelope.position,
          recordedAt: envelope.recordedAt,
          updatedAt: envelope.recordedAt,
        };
        return state;
      }
      case 'FactCorroborated': {
        const fact = required(state.facts, event.data.factId, 'fact');
        const { evidence } = event.data;
        fact.sources = appended(fact.sources, citationOf(evidence, 'corroboration', decoded));
        fact.history = appended(
          fact.history,
          revision(
            decoded,
            'FactCorroborated',
            SOURCES,
            `Corroborated by article ${evidence.articleId}, paragraph ${evidence.paragraph}.`,
            { articleId: evidence.articleId },
          ),
        );
        touch(fact, decoded, true);
        return state;
      }
      case 'FactCorrected': {
        const fact = required(state.facts, event.data.factId, 'fact');
        const { changed, before, after } = applyCorrection(fact, event.data.changes);
        fact.corrected = true;
        fact.history = appended(
          fact.history,
          revision(
            decoded,
            'FactCorrected',
            changed,
            `Corrected ${changed.join(', ')}: ${event.data.reason}`,
            {
              reason: event.data.reason,
              before,
              after,
            },
          ),
        );
        touch(fact, decoded, true);
        return state;
      }
      case 'FactRetracted': {
        const fact = required(state.facts, event.data.factId, 'fact');
        fact.retracted = true;
        fact.retraction = {
          reason: event.data.reason,
          position: envelope.position,
          recordedAt: envelope.recordedAt,
        };
        fact.history = appended(
          fact.history,
          revision(decoded, 'FactRetracted', RETRACTED, `Retracted: ${event.data.reason}`, {
            reason: event.data.reason,
          }),
        );
        touch(fact, decoded, true);
        return state;
      }
      case 'FactsLinked': {
        const { factId, relatedFactId, relation, evidence } = event.data;
        const fact = required(state.facts, factId, 'fact');
        const related = required(state.facts, relatedFactId, 'fact');
        const stamp = { position: envelope.position, recordedAt: envelope.recordedAt };
        const support = evidence ? { evidence: cited(evidence) } : {};
        const words = RELATION_WORDS[relation];
        const citedIn = evidence ? ` (article ${evidence.articleId})` : '';
        fact.links = appended(fact.links, {
          relation,
          factId: relatedFactId,
          direction: 'outgoing',
          ...stamp,
          ...support,
        });
        fact.history = appended(
          fact.history,
          revision(
            decoded,
            'FactsLinked',
            LINKS,
            `Linked: this fact ${words} fact ${relatedFactId}${citedIn}.`,
            evidence ? { articleId: evidence.articleId } : undefined,
          ),
        );
        touch(fact, decoded, true);
        related.links = appended(related.links, {
          relation,
          factId,
          direction: 'incoming',
          ...stamp,
          ...support,
        });
        related.history = appended(
          related.history,
          revision(
            decoded,
            'FactsLinked',
            LINKS,
            `Linked: fact ${factId} ${words} this fact${citedIn}.`,
            evidence ? { articleId: evidence.articleId } : undefined,
          ),
        );
        touch(related, decoded, false);
        return state;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled event ${(unreachable as { type: string }).type}`);
      }
    }
  },
};
