/**
 * Test fixtures: events made the way the application makes them, through parseCommand and decide,
 * so that every fixture is a valid event. Not part of the package build.
 */
import {
  currentSchemaVersion,
  decide,
  evolveWriteModel,
  FACT_KINDS,
  initialWriteModel,
  PARTICIPANT_ROLES,
  parseCommand,
  resolveDateExpression,
} from '@dateline/domain';
import type { Envelope, EventStore, NewEvent } from '@dateline/event-store';
import { getInMemoryEventStore } from '@dateline/event-store/memory';
import fc from 'fast-check';
import { createSlots, foldBatch } from './fold.js';
import { changesInvolvement, involvementOf } from './involvement.js';
import {
  type AnyProjection,
  type DecodedEvent,
  decodeEnvelope,
  type Projection,
} from './projection.js';
import type { FactInvolvement } from './read-models.js';

export const SHA = 'a'.repeat(64);

/** A clock that moves one minute per append, from 2025-02-20T00:00Z. */
export function steppingClock(start = Date.UTC(2025, 1, 20)): () => Date {
  let tick = 0;
  return () => new Date(start + tick++ * 60_000);
}

export function newStore() {
  return getInMemoryEventStore({ now: steppingClock() });
}

/** Runs commands through decide against the store's own history, appending what they decide. */
export function commandWriter(store: EventStore) {
  const model = initialWriteModel();
  let counter = 0;
  return {
    async run(input: Record<string, unknown>): Promise<Envelope[]> {
      const decision = decide(parseCommand(input), model, new Date());
      const events: NewEvent[] = decision.events.map((event) => ({
        // Fixed ids keep digests comparable across stores built from the same commands.
        eventId: `event-${++counter}`,
        type: event.type,
        schemaVersion: currentSchemaVersion[event.type],
        data: event.data,
      }));
      const stored = await store.append(decision.streamId, events, {
        expectedVersion: decision.expectedVersion,
      });
      for (const event of decision.events) evolveWriteModel(model, event);
      return stored;
    },
    async runAll(inputs: Record<string, unknown>[]): Promise<Envelope[]> {
      const out: Envelope[] = [];
      for (const input of inputs) out.push(...(await this.run(input)));
      return out;
    },
  };
}

export const cmd = {
  article: (id: string, publishedAt: string, extra: Record<string, unknown> = {}) => ({
    type: 'RecordArticle',
    articleId: id,
    publisher: id.split('-')[0] ?? 'Reuters',
    headline: `Headline of ${id}`,
    publishedAt,
    textSha256: SHA,
    ...extra,
  }),
  actor: (id: string, name: string, country?: string, extra: Record<string, unknown> = {}) => ({
    type: 'RegisterActor',
    actorId: id,
    name,
    kind: 'person',
    ...(country ? { country } : {}),
    ...extra,
  }),
  fact: (id: string, articleId: string, extra: Record<string, unknown> = {}) => ({
    type: 'RecordFact',
    factId: id,
    kind: 'statement',
    status: 'occurred',
    summary: `Summary of ${id}.`,
    occurred: { earliest: '2025-02-10', latest: '2025-02-10', precision: 'day' },
    evidence: { articleId, paragraph: 1, excerpt: `excerpt about ${id}` },
    ...extra,
  }),
  corroborate: (factId: string, articleId: string, paragraph = 3) => ({
    type: 'CorroborateFact',
    factId,
    evidence: { articleId, paragraph, excerpt: `${articleId} confirms ${factId}` },
  }),
  correct: (
    factId: string,
    changes: Record<string, unknown>,
    reason: string,
    evidence?: unknown,
  ) => ({
    type: 'CorrectFact',
    factId,
    changes,
    reason,
    ...(evidence === undefined ? {} : { evidence }),
  }),
  retract: (factId: string, reason: string) => ({ type: 'RetractFact', factId, reason }),
  link: (factId: string, relation: string, relatedFactId: string, evidence?: unknown) => ({
    type: 'LinkFacts',
    factId,
    relation,
    relatedFactId,
    ...(evidence ? { evidence } : {}),
  }),
};

/**
 * A small story: a phone call reported last week, a statement, a planned summit that is
 * corrected, a retracted claim, corroborations and links across three articles.
 */
export const storyCommands: Record<string, unknown>[] = [
  cmd.article('reuters-1', '2025-02-17'),
  cmd.article('ap-2', '2025-02-19T09:30:00Z'),
  cmd.article('bbc-3', '2025-02-24'),
  cmd.actor('trump', 'Donald Trump', 'US', { aliases: ['POTUS'] }),
  cmd.actor('putin', 'Vladimir Putin', 'RU'),
  cmd.actor('zelensky', 'Volodymyr Zelensky', 'UA'),
  cmd.actor('eu', 'European Union', 'EU', { kind: 'organisation' }),
  cmd.fact('call', 'reuters-1', {
    kind: 'call',
    summary: 'Trump and Putin spoke by phone about Ukraine.',
    occurred: resolveDateExpression('last week', '2025-02-17'),
    participants: [
      { actorId: 'trump', role: 'initiator' },
      { actorId: 'putin', role: 'recipient' },
      { actorId: 'zelensky', role: 'subject' },
    ],
    quotes: [{ text: 'A long and highly productive call', speakerId: 'trump', paragraph: 2 }],
    topics: ['Ukraine', 'ceasefire'],
    evidence: {
      articleId: 'reuters-1',
      paragraph: 2,
      excerpt: 'held a call last week',
      dateExpression: 'last week',
    },
  }),
  cmd.fact('zelensky-reply', 'ap-2', {
    summary: 'Zelensky said Ukraine would not accept a deal made without it.',
    occurred: resolveDateExpression('on Monday', '2025-02-19'),
    participants: [
      { actorId: 'zelensky', role: 'speaker' },
      { actorId: 'trump', role: 'addressee' },
      { actorId: 'putin', role: 'subject' },
    ],
    topics: ['ukraine'],
  }),
  cmd.fact('summit', 'ap-2', {
    kind: 'summit',
    status: 'planned',
    summary: 'A summit in Riyadh is planned.',
    occurred: { earliest: '2025-03-01', latest: '2025-03-31', precision: 'month' },
    participants: [
      { actorId: 'trump', role: 'attendee' },
      { actorId: 'putin', role: 'attendee' },
      { actorId: 'zelensky', role: 'excluded' },
    ],
    places: ['Riyadh'],
  }),
  cmd.fact('eu-claim', 'reuters-1', {
    summary: 'The EU was said to join the talks.',
    occurred: { earliest: '2025-02-16', latest: '2025-02-16', precision: 'day' },
    participants: [{ actorId: 'eu', role: 'speaker' }],
  }),
  cmd.corroborate('call', 'ap-2'),
  cmd.corroborate('summit', 'bbc-3', 4),
  cmd.correct(
    'summit',
    { occurred: { earliest: '2025-03-15', latest: '2025-03-16', precision: 'weekend' } },
    'BBC gave the weekend of the summit',
  ),
  cmd.retract('eu-claim', 'The EU denied it'),
  cmd.link('call', 'led_to', 'summit', {
    articleId: 'bbc-3',
    paragraph: 5,
    excerpt: 'the call paved the way',
  }),
  cmd.link('zelensky-reply', 'responds_to', 'call'),
];

export async function storyStore() {
  const store = newStore();
  const envelopes = await commandWriter(store).runAll(storyCommands);
  return { store, envelopes, decoded: envelopes.map(decodeEnvelope) };
}

/** Folds events into a fresh state of one projection: the pure "given" of the tests. */
export function foldEvents<S>(
  projection: { initialState(): S; evolve(s: S, e: DecodedEvent): S },
  events: DecodedEvent[],
): S {
  return events.reduce(
    (state, event) => projection.evolve(state, event),
    projection.initialState(),
  );
}

/** Folds envelopes into fresh slots, as the runner and replay do. */
export function foldEnvelopes(projections: readonly AnyProjection[], envelopes: Envelope[]) {
  const slots = createSlots(projections);
  foldBatch(slots, envelopes);
  return slots;
}

// ---------------------------------------------------------------------------------------------
// Random histories of who took part in facts, for the graph projections' property tests: facts
// recorded and corrected over six actors, as decoded events without the rest of a fact.

export type InvolvementStep =
  | {
      type: 'FactRecorded';
      factId: string;
      kind: string;
      participants: { actorId: string; role: string }[];
      speakers: string[];
    }
  | {
      type: 'FactCorrected';
      factId: string;
      kind?: string;
      participants?: { actorId: string; role: string }[];
      speakers?: string[];
    };

export const STEP_ACTORS = ['a', 'b', 'c', 'd', 'e-1', 'zz'];

const stepParticipants = fc.array(
  fc.record({
    actorId: fc.constantFrom(...STEP_ACTORS),
    role: fc.constantFrom(...PARTICIPANT_ROLES),
  }),
  { maxLength: 5 },
);
const stepSpeakers = fc.array(fc.constantFrom(...STEP_ACTORS), { maxLength: 2 });
const stepKinds = fc.constantFrom(...FACT_KINDS.slice(0, 4));

export const involvementSteps: fc.Arbitrary<InvolvementStep[]> = fc
  .array(
    fc.oneof(
      fc.record({ kind: stepKinds, participants: stepParticipants, speakers: stepSpeakers }),
      fc.record(
        {
          fact: fc.nat(9),
          kind: stepKinds,
          participants: stepParticipants,
          speakers: stepSpeakers,
        },
        { requiredKeys: ['fact'] },
      ),
    ),
    { maxLength: 30 },
  )
  .map((raw) => {
    const steps: InvolvementStep[] = [];
    let recorded = 0;
    for (const item of raw) {
      if (!('fact' in item)) {
        steps.push({ type: 'FactRecorded', factId: `f${recorded++}`, ...item });
      } else if (recorded > 0) {
        const { fact, ...changes } = item;
        steps.push({ type: 'FactCorrected', factId: `f${fact % recorded}`, ...changes });
      }
    }
    return steps;
  });

const quotesOf = (speakers: string[]) => speakers.map((speakerId) => ({ text: 'q', speakerId }));

function stepData(step: InvolvementStep) {
  if (step.type === 'FactRecorded') {
    const { factId, kind, participants, speakers } = step;
    return { factId, kind, participants, quotes: quotesOf(speakers) };
  }
  const { factId, kind, participants, speakers } = step;
  const changes = {
    ...(kind ? { kind } : {}),
    ...(participants ? { participants } : {}),
    ...(speakers ? { quotes: quotesOf(speakers) } : {}),
  };
  return { factId, reason: 'r', changes };
}

/** A fact's involvement after a step, or undefined when the step leaves it as it was. */
export function involvementAfter(
  step: InvolvementStep,
  before: FactInvolvement | undefined,
): FactInvolvement | undefined {
  const data = stepData(step) as never as {
    kind: never;
    participants: never;
    quotes: never;
    changes: never;
  };
  if (step.type === 'FactRecorded') return involvementOf(data.kind, data.participants, data.quotes);
  if (!before || !changesInvolvement(data.changes)) return undefined;
  return {
    kind: (step.kind ?? before.kind) as FactInvolvement['kind'],
    participants: (step.participants ?? before.participants) as FactInvolvement['participants'],
    speakerIds: step.speakers ? [...new Set(step.speakers)] : before.speakerIds,
  };
}

/** Folds steps (at positions from + 1 on) into a state of the projection. */
export function foldSteps<S>(
  projection: Projection<S>,
  steps: InvolvementStep[],
  state: S = projection.initialState(),
  from = 0,
): S {
  steps.forEach((step, i) => {
    const event = { type: step.type, data: stepData(step) } as never;
    state = projection.evolve(state, { envelope: { position: from + i + 1 } as never, event });
  });
  return state;
}
