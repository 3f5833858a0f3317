import {
  ACTOR_KINDS,
  addDays,
  type Command,
  type DatePrecision,
  type DomainEvent,
  decide,
  evolveWriteModel,
  FACT_KINDS,
  type FactStatus,
  type FuzzyDate,
  initialWriteModel,
  isoWeekday,
  LINK_RELATIONS,
  makeFuzzyDate,
  type Participant,
  type ParticipantRole,
  type Quote,
  startOfIsoWeek,
  type WriteModel,
} from '@dateline/domain';
import { createRandom, type Random } from './random.js';
import {
  CORRECTION_REASONS,
  COUNTRIES,
  DATE_EXPRESSIONS,
  FIRST_NAMES,
  ORGANISATIONS,
  PLACES,
  PUBLISHERS,
  RETRACTION_REASONS,
  SURNAMES,
  TITLES,
  TOPICS,
  VERBS,
  WORDS,
} from './vocabulary.js';

/** One decided event and the stream it goes to. */
export interface StoryEvent {
  streamId: string;
  event: DomainEvent;
  /** A deterministic command id, as the CLI's import writes into metadata. */
  commandId: string;
}

/** The events one article brings into the log: written as one append, like an import of it. */
export type StoryGroup = StoryEvent[];

export interface StoryGenerator {
  /** The events of the next article: the article, new actors, facts, corroborations, corrections. */
  nextGroup(): StoryGroup;
  readonly random: Random;
}

const ROLES_TAKING_PART: ParticipantRole[] = ['initiator', 'recipient', 'host', 'attendee'];
const OTHER_ROLES: ParticipantRole[] = ['speaker', 'author', 'addressee', 'subject', 'excluded'];
const RECENT_FACTS = 4000;

/**
 * A seeded story: articles published a few hours apart, each reporting about a dozen facts about a
 * growing cast of actors, corroborating recent facts from earlier articles and now and then
 * correcting, linking or retracting one. Every command goes through the domain's `decide`, so the
 * events are exactly those the product would write and every projection can fold them.
 */
export function createStoryGenerator(seed: string): StoryGenerator {
  const random = createRandom(seed);
  const model: WriteModel = initialWriteModel();
  const actors: string[] = [];
  const recentFacts: string[] = [];
  let articleCount = 0;
  let actorCount = 0;
  let factCount = 0;
  let day = '2019-01-07';
  let minutes = 6 * 60;

  const sentence = (minLength: number, maxLength: number): string => {
    const target = random.int(minLength, maxLength);
    const words: string[] = [];
    let length = 0;
    while (length < target) {
      const word = random.pick(WORDS);
      words.push(word);
      length += word.length + 1;
    }
    const text = words.join(' ').slice(0, maxLength - 1);
    return `${text.charAt(0).toUpperCase()}${text.slice(1).trimEnd()}.`;
  };

  const slug = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');

  // The story's own clock: each article is recorded as it comes out, with what it reports.
  let storyNow = new Date(`${day}T00:00:00Z`);
  const apply = (command: Command, group: StoryGroup): boolean => {
    let decision: ReturnType<typeof decide>;
    try {
      decision = decide(command, model, storyNow);
    } catch {
      return false; // a rule refused it (e.g. a link that exists already): the story moves on
    }
    for (const event of decision.events) {
      evolveWriteModel(model, event);
      group.push({ streamId: decision.streamId, event, commandId: random.hex(32) });
    }
    return true;
  };

  const registerActor = (group: StoryGroup): void => {
    actorCount++;
    const kind = random.chance(0.6) ? 'person' : random.pick(ACTOR_KINDS);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(SURNAMES);
    const country = random.pick(COUNTRIES);
    const name =
      kind === 'person'
        ? `${first} ${last}`
        : `${country} ${random.pick(ORGANISATIONS)} ${actorCount.toString(36)}`;
    const actorId = `${slug(name)}-${actorCount.toString(36)}`;
    const command: Command = {
      type: 'RegisterActor',
      actorId,
      name,
      kind,
      ...(kind === 'person' ? { title: `${random.pick(TITLES)} of ${country}` } : {}),
      country,
      aliases: kind === 'person' ? [last, `${random.pick(TITLES)} ${last}`] : [],
    };
    if (apply(command, group)) actors.push(actorId);
  };

  const occurredFor = (status: FactStatus, publishedOn: string): FuzzyDate => {
    const precision: DatePrecision = random.chance(0.7)
      ? 'day'
      : random.pick(['week', 'month', 'weekend', 'range'] as const);
    const future = status === 'planned' || status === 'expected';
    const anchor = addDays(publishedOn, future ? random.int(1, 30) : -random.int(0, 20));
    switch (precision) {
      case 'day':
        return makeFuzzyDate(anchor, anchor, 'day');
      case 'week': {
        const monday = startOfIsoWeek(anchor);
        // An occurred fact may not begin after its article's publication.
        const start = !future && monday > publishedOn ? addDays(monday, -7) : monday;
        return makeFuzzyDate(start, addDays(start, 6), 'week');
      }
      case 'weekend': {
        const saturday = addDays(anchor, 6 - isoWeekday(anchor));
        const start = !future && saturday > publishedOn ? addDays(saturday, -7) : saturday;
        return makeFuzzyDate(start, addDays(start, 1), 'weekend');
      }
      case 'month': {
        const first = `${anchor.slice(0, 7)}-01`;
        const [y, m] = [Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7))];
        const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
        return makeFuzzyDate(first, last, 'month');
      }
      default:
        return makeFuzzyDate(anchor, addDays(anchor, random.int(2, 9)), 'range');
    }
  };

  const participantsFor = (): Participant[] => {
    const chosen = random.sample(actors, random.int(2, 4));
    return chosen.map((actorId, i) => ({
      actorId,
      role: i < 2 ? random.pick(ROLES_TAKING_PART) : random.pick(OTHER_ROLES),
    }));
  };

  const recordFact = (articleId: string, publishedOn: string, group: StoryGroup): void => {
    factCount++;
    const status: FactStatus = random.chance(0.75)
      ? 'occurred'
      : random.pick(['ongoing', 'planned', 'expected', 'cancelled'] as const);
    const participants = participantsFor();
    const quotes: Quote[] = [];
    for (let q = random.int(0, 2); q > 0; q--) {
      quotes.push({
        text: sentence(80, 240),
        speakerId: random.pick(participants).actorId,
        paragraph: random.int(1, 30),
      });
    }
    const kind = random.pick(FACT_KINDS);
    const factId = `${kind}-${factCount.toString(36)}-${random.pick(TOPICS).split(' ')[0]}`;
    const dateExpression = random.chance(0.5) ? random.pick(DATE_EXPRESSIONS) : undefined;
    const command: Command = {
      type: 'RecordFact',
      factId,
      kind,
      status,
      summary: `${random.pick(participants).actorId.split('-')[0]} ${random.pick(VERBS)} ${sentence(120, 360)}`,
      occurred: occurredFor(status, publishedOn),
      participants,
      quotes,
      topics: random.sample(TOPICS, random.int(1, 3)),
      places: random.sample(PLACES, random.int(0, 2)),
      evidence: {
        articleId,
        paragraph: random.int(1, 40),
        excerpt: sentence(100, 300),
        ...(dateExpression ? { dateExpression } : {}),
      },
    };
    if (apply(command, group)) {
      recentFacts.push(factId);
      if (recentFacts.length > RECENT_FACTS * 2) recentFacts.splice(0, RECENT_FACTS);
    }
  };

  const liveRecentFact = (): string | undefined => {
    for (let attempt = 0; attempt < 5 && recentFacts.length > 0; attempt++) {
      const window = Math.min(recentFacts.length, RECENT_FACTS);
      const id = recentFacts[recentFacts.length - 1 - random.int(0, window - 1)]!;
      if (!model.facts.get(id)?.retracted) return id;
    }
    return undefined;
  };

  return {
    random,
    nextGroup() {
      const group: StoryGroup = [];
      articleCount++;
      minutes += random.int(30, 300);
      while (minutes >= 24 * 60) {
        minutes -= 24 * 60;
        day = addDays(day, 1);
      }
      const publisher = random.pick(PUBLISHERS);
      const headline = sentence(50, 130);
      const articleId = `${slug(publisher)}-${articleCount.toString(36)}`;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00Z`;
      storyNow = new Date(`${day}T${time}`);
      apply(
        {
          type: 'RecordArticle',
          articleId,
          publisher,
          headline,
          publishedAt: `${day}T${time}`,
          url: `https://news.example/${day.replaceAll('-', '/')}/${slug(headline).slice(0, 60)}`,
          byline: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
          language: 'en',
          textSha256: random.hex(64),
        },
        group,
      );
      const newActors = actors.length < 40 ? 40 - actors.length : random.chance(0.35) ? 1 : 0;
      for (let i = 0; i < newActors; i++) registerActor(group);

      for (let i = random.int(8, 14); i > 0; i--) recordFact(articleId, day, group);
      for (let i = random.int(3, 9); i > 0; i--) {
        const factId = liveRecentFact();
        if (!factId || model.facts.get(factId)?.sources.has(articleId)) continue;
        apply(
          {
            type: 'CorroborateFact',
            factId,
            evidence: { articleId, paragraph: random.int(1, 40), excerpt: sentence(100, 300) },
          },
          group,
        );
      }
      if (random.chance(0.8)) {
        const factId = liveRecentFact();
        if (factId) {
          const which = random.int(0, 2);
          apply(
            {
              type: 'CorrectFact',
              factId,
              changes:
                which === 0
                  ? { summary: sentence(120, 360) }
                  : which === 1
                    ? { status: random.pick(['occurred', 'ongoing', 'cancelled'] as const) }
                    : { topics: random.sample(TOPICS, random.int(1, 3)) },
              reason: random.pick(CORRECTION_REASONS),
            },
            group,
          );
        }
      }
      if (random.chance(0.9)) {
        const factId = liveRecentFact();
        const relatedFactId = liveRecentFact();
        if (factId && relatedFactId && factId !== relatedFactId) {
          apply(
            {
              type: 'LinkFacts',
              factId,
              relatedFactId,
              relation: random.pick(LINK_RELATIONS),
              ...(random.chance(0.5)
                ? {
                    evidence: {
                      articleId,
                      paragraph: random.int(1, 40),
                      excerpt: sentence(60, 200),
                    },
                  }
                : {}),
            },
            group,
          );
        }
      }
      if (random.chance(0.05)) {
        const factId = liveRecentFact();
        if (factId)
          apply({ type: 'RetractFact', factId, reason: random.pick(RETRACTION_REASONS) }, group);
      }
      return group;
    },
  };
}
