import { canonicalJson, sha256Hex } from '@dateline/event-store';
import type {
  CorrectFactInput,
  CorroborateFactInput,
  EvidenceInput,
  LinkFactsInput,
  RecordArticleInput,
  RecordFactInput,
  RegisterActorInput,
  RetractFactInput,
} from './inputs/write.input.js';

/**
 * Turns mutation inputs into the domain's command shape. Nothing is validated here: parseCommand
 * does that, and `paths` translates the domain's field paths back into the input's.
 */
export interface PlannedWrite {
  /** The id of the article, actor or fact written. */
  id: string;
  /** Untrusted: goes through parseCommand. */
  command: Record<string, unknown>;
  /** Domain path prefix → input path prefix, first match wins (e.g. evidence.excerpt → excerpt). */
  paths: [string, string][];
  /** For writes to an existing fact: the version the client decided against. */
  expected?: { factId: string; version: number };
}

/** Drops nulls (GraphQL's "not given") so that the domain's optional fields stay absent. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[key] = compact(v);
    }
    return out;
  }
  return value;
}

/** A readable slug plus a short digest of the input, so a retried mutation derives the same id. */
export function deriveId(text: string, input: unknown): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const digest = sha256Hex(canonicalJson(compact(input))).slice(0, 8);
  return slug ? `${slug}-${digest}` : digest;
}

function expectedOf(factId: string, version: number | null | undefined) {
  return version === null || version === undefined ? {} : { expected: { factId, version } };
}

function evidenceOf(
  input: {
    [K in keyof EvidenceInput]?: EvidenceInput[K] | null;
  },
) {
  return compact({
    articleId: input.articleId,
    paragraph: input.paragraph,
    excerpt: input.excerpt,
    dateExpression: input.dateExpression,
    note: input.note,
  });
}

const FLAT_EVIDENCE: [string, string][] = [
  ['evidence.articleId', 'articleId'],
  ['evidence.paragraph', 'paragraph'],
  ['evidence.excerpt', 'excerpt'],
  ['evidence.dateExpression', 'dateExpression'],
  ['evidence.note', 'note'],
  ['evidence', ''],
];

export function planRecordArticle(input: RecordArticleInput): PlannedWrite {
  const id = input.id ?? deriveId(input.headline, input);
  const citation = {
    publisher: input.publisher,
    headline: input.headline,
    publishedAt: input.publishedAt,
    url: input.url,
  };
  return {
    id,
    command: compact({
      type: 'RecordArticle',
      articleId: id,
      publisher: input.publisher,
      headline: input.headline,
      publishedAt: input.publishedAt,
      url: input.url,
      byline: input.byline,
      language: input.language,
      textSha256: input.textSha256 ?? sha256Hex(canonicalJson(compact(citation))),
    }) as Record<string, unknown>,
    paths: [['articleId', 'id']],
  };
}

export function planRegisterActor(input: RegisterActorInput): PlannedWrite {
  const id = input.id ?? deriveId(input.name, input);
  return {
    id,
    command: compact({
      type: 'RegisterActor',
      actorId: id,
      name: input.name,
      kind: input.kind,
      title: input.title,
      country: input.country,
      aliases: input.aliases,
    }) as Record<string, unknown>,
    paths: [['actorId', 'id']],
  };
}

export function planRecordFact(input: RecordFactInput): PlannedWrite {
  const id = input.id ?? deriveId(input.summary, input);
  return {
    id,
    command: compact({
      type: 'RecordFact',
      factId: id,
      kind: input.kind,
      status: input.status,
      summary: input.summary,
      occurred: input.occurred,
      participants: input.participants,
      quotes: input.quotes,
      topics: input.topics,
      places: input.places,
      evidence: evidenceOf(input),
    }) as Record<string, unknown>,
    paths: [['factId', 'id'], ...FLAT_EVIDENCE],
    ...expectedOf(id, input.expectedVersion),
  };
}

export function planCorroborateFact(input: CorroborateFactInput): PlannedWrite {
  return {
    id: input.factId,
    command: compact({
      type: 'CorroborateFact',
      factId: input.factId,
      evidence: evidenceOf(input),
    }) as Record<string, unknown>,
    paths: FLAT_EVIDENCE,
    ...expectedOf(input.factId, input.expectedVersion),
  };
}

export function planCorrectFact(input: CorrectFactInput): PlannedWrite {
  return {
    id: input.factId,
    command: compact({
      type: 'CorrectFact',
      factId: input.factId,
      changes: input.changes,
      reason: input.reason,
      evidence: input.evidence,
    }) as Record<string, unknown>,
    paths: [],
    ...expectedOf(input.factId, input.expectedVersion),
  };
}

export function planRetractFact(input: RetractFactInput): PlannedWrite {
  return {
    id: input.factId,
    command: compact({
      type: 'RetractFact',
      factId: input.factId,
      reason: input.reason,
    }) as Record<string, unknown>,
    paths: [],
    ...expectedOf(input.factId, input.expectedVersion),
  };
}

export function planLinkFacts(input: LinkFactsInput): PlannedWrite {
  return {
    id: input.factId,
    command: compact({
      type: 'LinkFacts',
      factId: input.factId,
      relatedFactId: input.relatedFactId,
      relation: input.relation,
      evidence: input.evidence,
    }) as Record<string, unknown>,
    paths: [],
    ...expectedOf(input.factId, input.expectedVersion),
  };
}

/** The input path for a domain path, e.g. "evidence.excerpt" → "input.excerpt". */
export function inputPath(domainPath: string, paths: [string, string][]): string {
  for (const [from, to] of paths) {
    if (domainPath === from || domainPath.startsWith(`${from}.`)) {
      const rest = domainPath.slice(from.length).replace(/^\./, '');
      const mapped = [to, rest].filter(Boolean).join('.');
      return mapped ? `input.${mapped}` : 'input';
    }
  }
  return domainPath ? `input.${domainPath}` : 'input';
}
