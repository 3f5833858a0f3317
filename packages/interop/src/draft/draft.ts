import { createHash } from 'node:crypto';
import {
  addDays,
  type CurationFile,
  type FactKind,
  type FactStatus,
  type FuzzyDate,
  type ParticipantRole,
} from '@dateline/domain';
import { createActorMatcher, type KnownActor, type Mention } from './actors.js';
import { type Clause, clauseAround } from './clauses.js';
import { type FoundDate, findDateExpressions } from './dates.js';
import { quoteSpans, speechVerbs, subjectOfVerb } from './speech.js';
import { type Paragraph, type Sentence, splitArticle } from './text.js';

export interface DraftOptions {
  /** The publication date (YYYY-MM-DD, or an ISO timestamp whose date is used): relative dates resolve against it. */
  published: string;
  publisher?: string | undefined;
  headline?: string | undefined;
  url?: string | undefined;
  /** Actors already in the log, recognised by name and alias. */
  knownActors: readonly KnownActor[];
  /** Fact ids already in the log: drafted ids steer clear of them. */
  knownFactIds?: Iterable<string> | undefined;
}

/** A curation document as `dateline import` reads it (the input shape of curationFileSchema). */
export type CurationDraftDocument = {
  article: Omit<NonNullable<CurationFile['article']>, 'publisher' | 'headline'> & {
    publisher?: string;
    headline?: string;
  };
  facts: DraftFact[];
};

export interface DraftFact {
  id: string;
  kind: FactKind;
  status: FactStatus;
  summary: string;
  /** `{ expression }` when the importer resolves it the same way; otherwise the span, keeping the words. */
  when: { expression: string } | FuzzyDate;
  participants: { actor: string; role: ParticipantRole }[];
  quotes: { text: string; speaker?: string; paragraph: number }[];
  topics: string[];
  places: string[];
  paragraph: number;
  excerpt: string;
}

/** What the curator should know about one candidate fact: written as comments in the YAML. */
export interface FactReview {
  factId: string;
  sentence: string;
  date: FuzzyDate;
  reading: string;
  /** Why the kind was chosen ("the words 'held a call'"). */
  kindFrom: string;
  statusFrom: string;
}

export interface DraftedCuration {
  document: CurationDraftDocument;
  reviews: FactReview[];
  /** The publication date used as the anchor. */
  anchor: string;
  headlineFrom: 'option' | 'text' | 'missing';
  publisherFrom: 'option' | 'missing';
  dateline?: { text: string; date?: string };
  /** Quotes found in sentences that carry no date, ready to paste where they belong. */
  unplacedQuotes: { text: string; speaker?: string; paragraph: number }[];
  /** Sentences with no date expression: the draft proposes nothing for them. */
  undated: { paragraph: number; text: string }[];
  /** Date expressions found but not resolved. */
  unresolved: { paragraph: number; expression: string }[];
}

const SPEECH_KINDS: readonly FactKind[] = ['statement', 'pledge', 'announcement'];

/** Event words by kind, strongest first: the draft's guess at what the sentence reports. */
const EVENT_WORDS: [FactKind, RegExp][] = [
  ['call', /\b(?:held a call|had a call|phone call|call with|phoned|spoke by (?:tele)?phone)\b/i],
  ['summit', /\bsummit\b/i],
  ['visit', /\b(?:travel(?:led|ed|s)? to|visit(?:s|ed|ing)?|trip to)\b/i],
  ['talks', /\btalks\b/i],
  ['meeting', /\b(?:met|meet(?:s|ing)?|gathered|gather(?:s|ing)?)\b/i],
];
const OTHER_WORDS: [FactKind, RegExp][] = [
  ['pledge', /\b(?:pledged?|promised?|vowed?|committed to)\b/i],
  ['announcement', /\b(?:announced?|unveiled|launched)\b/i],
  ['decision', /\b(?:decided|approved|agreed to|voted|ruled)\b/i],
  ['document', /\b(?:questionnaire|letter|memo|document|sent)\b/i],
  ['report', /\b(?:seen by|reported|according to|obtained by)\b/i],
  [
    'statement',
    /\b(?:said|says|told|wrote|stated|signalled|signaled|warned|dismissed|comments?|remarks?)\b/i,
  ],
];
const SPEECH_NEAR =
  /\b(?:said|says|told|wrote|stated|signalled|signaled|warned|comments?|remarks?)\b/i;

function slug(text: string, max = 40): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

function guessKind(
  sentence: string,
  clause: Clause,
  found: FoundDate,
  anchor: string,
): { kind: FactKind; from: string } {
  if (found.date.latest < addDays(anchor, -365))
    return { kind: 'background', from: 'a date more than a year before publication' };
  const exprEnd = found.index + found.expression.length;
  const near = `${sentence.slice(Math.max(clause.start, found.index - 25), found.index)} ${sentence.slice(exprEnd, Math.min(clause.end, exprEnd + 20))}`;
  const speech = SPEECH_NEAR.exec(near);
  if (speech) return { kind: 'statement', from: `"${speech[0]}" next to the date` };
  for (const scope of [clause.text, sentence]) {
    for (const [kind, re] of EVENT_WORDS) {
      const m = re.exec(scope);
      if (m) return { kind, from: `the words "${m[0]}"` };
    }
    let best: { kind: FactKind; word: string; distance: number } | undefined;
    for (const [kind, re] of OTHER_WORDS) {
      for (const m of scope.matchAll(new RegExp(re.source, 'gi'))) {
        const at = scope === clause.text ? clause.start + m.index : m.index;
        const distance = Math.abs(at - found.index);
        if (!best || distance < best.distance) best = { kind, word: m[0], distance };
      }
    }
    if (best) return { kind: best.kind, from: `the word "${best.word}"` };
  }
  return { kind: 'statement', from: 'nothing in the sentence (a default)' };
}

function guessStatus(
  clause: string,
  date: FuzzyDate,
  anchor: string,
): { status: FactStatus; from: string } {
  const cancelled = /\b(?:cancell?ed|called off|postponed|scrapped)\b/i.exec(clause);
  if (cancelled) return { status: 'cancelled', from: `"${cancelled[0]}"` };
  const expected = /\b(?:expected|likely|poised|set) to\b/i.exec(clause);
  if (expected) return { status: 'expected', from: `"${expected[0]}"` };
  const planned = /\b(?:will|shall|due to|plans? to|planned|scheduled|to be held)\b/i.exec(clause);
  if (planned) return { status: 'planned', from: `"${planned[0]}"` };
  if (date.earliest > anchor) return { status: 'expected', from: 'a date after publication' };
  return { status: 'occurred', from: 'a date on or before publication' };
}

const SUBJECT_ROLE: Record<FactKind, ParticipantRole> = {
  call: 'initiator',
  meeting: 'attendee',
  summit: 'attendee',
  statement: 'speaker',
  pledge: 'speaker',
  announcement: 'speaker',
  document: 'author',
  report: 'author',
  decision: 'initiator',
  visit: 'attendee',
  talks: 'attendee',
  background: 'initiator',
};

function otherRole(kind: FactKind, sentence: string, m: Mention): ParticipantRole {
  const before = sentence.slice(Math.max(0, m.start - 12), m.start);
  if (kind === 'call') return /\bwith\s+$/i.test(before) ? 'recipient' : 'subject';
  if (kind === 'visit') return /\b(?:meet|visit|with)\s+$/i.test(before) ? 'host' : 'subject';
  if (kind === 'meeting' || kind === 'summit' || kind === 'talks') return 'attendee';
  return 'subject';
}

const PLACE_BEFORE = /\b(?:in|to|at|from|visit|visits|visited|visiting)\s+$/;

/**
 * Drafts a curation file from an article's text: the article entry (with the text's sha256) and
 * a candidate fact for each date expression in each sentence, its date resolved against the
 * publication date, with known actors and quotes. A draft to edit, never an import.
 */
export function draftCuration(text: string, options: DraftOptions): DraftedCuration {
  const anchor = options.published.slice(0, 10);
  // Read composed (NFC): text pasted from a PDF or a Mac is often decomposed, and its "Élysée"
  // would match no actor's alias. The article's sha256 stays that of the text as given.
  const article = splitArticle(text.normalize('NFC'));
  const match = createActorMatcher(options.knownActors);
  const kindOf = new Map(options.knownActors.map((a) => [a.id, a.kind]));
  const headline = options.headline ?? article.headline;
  const titleWords = (headline ?? article.paragraphs[0]?.text ?? '')
    .split(/\s+/)
    .filter((w) => w.length > 2)
    .slice(0, 7)
    .join(' ');
  const articleId = slug(`${options.publisher ?? 'article'} ${anchor} ${titleWords}`, 80);

  const facts: DraftFact[] = [];
  const reviews: FactReview[] = [];
  const unplacedQuotes: DraftedCuration['unplacedQuotes'] = [];
  const undated: DraftedCuration['undated'] = [];
  const unresolved: DraftedCuration['unresolved'] = [];
  const usedIds = new Set<string>(options.knownFactIds ?? []);
  let lastSpeaker: string | undefined;

  // The speaker of words near `at`: undefined when the sentence has no speech verb (words of the
  // last speaker may run on), null when it has one whose subject is no known actor ("Sergei
  // Lavrov said", with Lavrov not registered): then nobody known said them.
  const speakerAt = (
    sentence: string,
    mentions: Mention[],
    at: number,
  ): string | null | undefined => {
    const verbs = speechVerbs(sentence);
    if (verbs.length === 0) return undefined;
    const nearest = [...verbs].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0]!;
    const subject = subjectOfVerb(sentence, nearest.start, nearest.end, mentions);
    if (!subject) return null;
    return 'carried' in subject ? (lastSpeaker ?? null) : subject.actorId;
  };

  const visit = (paragraph: Paragraph, sentence: Sentence) => {
    const s = sentence.text;
    const mentions = match(s);
    const quotes = quoteSpans(s).map((q) => ({
      text: q.inner.trim().replace(/[,.;:\s]+$/, ''),
      start: q.start,
      speaker: undefined as string | undefined,
    }));
    for (const q of quotes) {
      const speaker = speakerAt(s, mentions, q.start);
      q.speaker = speaker === undefined ? lastSpeaker : (speaker ?? undefined);
    }
    const dates = findDateExpressions(s, anchor);
    const found = dates.found;
    for (const u of dates.unresolved)
      unresolved.push({ paragraph: paragraph.number, expression: u.expression });

    for (const f of found) {
      const clause = clauseAround(s, f.index);
      const { kind, from: kindFrom } = guessKind(s, clause, f, anchor);
      // Tense is read around the date only: "comments on Sunday reflect … they will have to" is past.
      const statusWindow = s.slice(
        clause.start,
        Math.min(clause.end, f.index + f.expression.length + 30),
      );
      const { status, from: statusFrom } = guessStatus(statusWindow, f.date, anchor);
      const quoteInClause = (m: Mention) =>
        quoteSpans(s).some((q) => m.start >= q.start && m.start < q.end);
      const places: string[] = [];
      const isPlace = (m: Mention) =>
        kindOf.get(m.actorId) === 'government' && PLACE_BEFORE.test(s.slice(0, m.start));
      for (const m of mentions)
        if (
          isPlace(m) &&
          m.start >= clause.start &&
          m.end <= clause.end &&
          !places.includes(m.text)
        )
          places.push(m.text);

      // The subject: a speaker for speech kinds, else the antecedent of "who …", else the first actor.
      let subjectId: string | undefined;
      const speaker = SPEECH_KINDS.includes(kind) ? speakerAt(s, mentions, f.index) : undefined;
      // null: the words are someone's no known actor is ("Smith's spokesman said"); the actors
      // named stay participants below, but none of them is made the speaker.
      const unknownSpeaker = speaker === null;
      if (speaker) subjectId = speaker;
      if (!subjectId && !unknownSpeaker && /^\s*(?:who|which)\b/i.test(clause.text))
        subjectId = mentions.filter((m) => m.end <= clause.start && !isPlace(m)).at(-1)?.actorId;
      if (!subjectId && !unknownSpeaker)
        subjectId = mentions.find(
          (m) => m.start >= clause.start && m.end <= f.index && !isPlace(m) && !quoteInClause(m),
        )?.actorId;
      if (!subjectId && !unknownSpeaker)
        subjectId =
          mentions.find((m) => !isPlace(m) && !quoteInClause(m))?.actorId ??
          (/^\s*(?:he|she|they)\b/i.test(s) ? lastSpeaker : undefined);

      const participants: DraftFact['participants'] = [];
      const add = (actor: string, role: ParticipantRole) => {
        if (!participants.some((p) => p.actor === actor)) participants.push({ actor, role });
      };
      if (subjectId) add(subjectId, SUBJECT_ROLE[kind]);
      for (const m of mentions) {
        if (isPlace(m) || quoteInClause(m)) continue;
        const inClause = m.start >= clause.start && m.end <= clause.end;
        const linked =
          kind === 'call' && /\bwith\s+$/i.test(s.slice(Math.max(0, m.start - 6), m.start));
        if (inClause || linked) add(m.actorId, otherRole(kind, s, m));
      }

      // With several dates in a sentence, its quotes go to the statement of the quoted speaker.
      const factQuotes = quotes
        .filter(
          (q) =>
            found.length === 1 ||
            (SPEECH_KINDS.includes(kind) && q.speaker !== undefined && q.speaker === subjectId),
        )
        .map((q) => ({
          text: q.text,
          ...(q.speaker ? { speaker: q.speaker } : {}),
          paragraph: paragraph.number,
        }));

      const base = slug(`${subjectId ?? 'fact'}-${kind}`, 60);
      let id = `${base}-p${paragraph.number}`;
      for (let n = 2; usedIds.has(id); n++) id = `${base}-p${paragraph.number}-${n}`;
      usedIds.add(id);

      const excerptSource = clause.text.trim().length >= 25 ? clause.text.trim() : s;
      facts.push({
        id,
        kind,
        status,
        summary: s.length <= 600 ? s : `${s.slice(0, 599)}…`,
        // An explicit span goes out without its label: the journalist may narrow the dates, and a
        // label written now would then be stored stale; decide() derives it from the final span.
        when: f.byExpression ? { expression: f.expression } : withoutLabel(f.date),
        participants,
        quotes: factQuotes,
        topics: [],
        places,
        paragraph: paragraph.number,
        excerpt:
          excerptSource.length <= 400
            ? excerptSource
            : excerptSource.slice(0, 400).replace(/\s+\S*$/, ''),
      });
      reviews.push({
        factId: id,
        sentence: s,
        date: f.date,
        reading: f.reading,
        kindFrom,
        statusFrom,
      });
    }
    if (found.length === 0) {
      undated.push({ paragraph: paragraph.number, text: s });
      for (const q of quotes)
        unplacedQuotes.push({
          text: q.text,
          ...(q.speaker ? { speaker: q.speaker } : {}),
          paragraph: paragraph.number,
        });
    } else {
      const placed = new Set(facts.flatMap((f) => f.quotes.map((q) => `${f.paragraph}:${q.text}`)));
      for (const q of quotes)
        if (!placed.has(`${paragraph.number}:${q.text}`))
          unplacedQuotes.push({
            text: q.text,
            ...(q.speaker ? { speaker: q.speaker } : {}),
            paragraph: paragraph.number,
          });
    }

    // Whoever this sentence attributes words to is the speaker a later "he said" points back to.
    // Someone no known actor is ("Lavrov said", unregistered) takes over: nobody is carried on.
    for (const v of speechVerbs(s)) {
      const subject = subjectOfVerb(s, v.start, v.end, mentions);
      if (subject && 'actorId' in subject) lastSpeaker = subject.actorId;
      else if (!subject) lastSpeaker = undefined;
    }
  };

  for (const paragraph of article.paragraphs)
    for (const sentence of paragraph.sentences) visit(paragraph, sentence);

  const document: CurationDraftDocument = {
    article: {
      id: articleId || 'article',
      // Left out when unknown, so that the import refuses the draft until the curator adds them.
      ...(options.publisher ? { publisher: options.publisher } : {}),
      ...(headline ? { headline } : {}),
      publishedAt: options.published,
      ...(options.url ? { url: options.url } : {}),
      language: 'en',
      textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    },
    facts,
  };
  return {
    document,
    reviews,
    anchor,
    headlineFrom: options.headline ? 'option' : article.headline ? 'text' : 'missing',
    publisherFrom: options.publisher ? 'option' : 'missing',
    ...(article.dateline ? { dateline: article.dateline } : {}),
    unplacedQuotes,
    undated,
    unresolved,
  };
}

function withoutLabel(date: FuzzyDate): FuzzyDate {
  const { label: _, ...span } = date;
  return span;
}
