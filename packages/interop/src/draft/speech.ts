import type { Mention } from './actors.js';

/** Verbs that attribute words to a speaker. */
export const SPEECH_VERB =
  /\b(?:said|says|told|wrote|writes|added|stated|warned|signalled|signaled|argued|insisted|noted|commented|declared|dismissed)\b/g;

/** Spans of quoted words: “…” or "…". */
export function quoteSpans(text: string): { start: number; end: number; inner: string }[] {
  const out: { start: number; end: number; inner: string }[] = [];
  const re = /[“"]([^”"]+)[”"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, inner: m[1]! });
  }
  return out;
}

/** Relative and appositive asides (", who is expected to …,"), which hide a verb's subject. */
export function asideSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /,\s*(?:who|which|whose)\b[^,]*,/g;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const inside = (spans: { start: number; end: number }[], at: number) =>
  spans.some((s) => at >= s.start && at < s.end);

export type Subject = { actorId: string } | { carried: true } | undefined;

const PRONOUN_BEFORE = /\b(?:he|she|they|it)\s+(?:also\s+|has\s+|had\s+|later\s+)?$/i;
// "the official told reporters": a speaker named earlier, referred to by a common noun.
const GENERIC_BEFORE =
  /\b(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?:official|officials|spokesman|spokeswoman|spokesperson|source|sources|minister|president|envoy|aide|diplomat|leader)\s+(?:also\s+)?$/i;

/**
 * Who a verb at [verbStart, verbEnd) attributes words to: a known actor just before it (skipping
 * asides) or right after it ("said Trump"), or `carried` when it is a pronoun or a common noun
 * that points back to a speaker named earlier.
 */
export function subjectOfVerb(
  text: string,
  verbStart: number,
  verbEnd: number,
  mentions: readonly Mention[],
): Subject {
  const quotes = quoteSpans(text);
  const asides = asideSpans(text);
  const before = text.slice(0, verbStart);
  if (PRONOUN_BEFORE.test(before)) return { carried: true };
  const candidates = mentions.filter(
    (m) => m.end <= verbStart && !inside(quotes, m.start) && !inside(asides, m.start),
  );
  // Only the nearest actor before the verb can be its subject.
  const m = candidates.at(-1);
  if (m) {
    let gap = text.slice(m.end, verbStart);
    for (const a of asides)
      if (a.start >= m.end && a.end <= verbStart)
        gap = gap.replace(text.slice(a.start, a.end), ' ');
    // A possessive ("Starmer's comments") or a short stretch without a sentence break or a quote.
    if (/^['’]s\b/.test(gap) || (!/[.;:"“”]/.test(gap) && gap.trim().split(/\s+/).length <= 6))
      return { actorId: m.actorId };
  }
  const after = mentions.find(
    (m) => m.start >= verbEnd && /^\s*$/.test(text.slice(verbEnd, m.start)),
  );
  if (after) return { actorId: after.actorId };
  if (GENERIC_BEFORE.test(before)) return { carried: true };
  return undefined;
}

/** Speech verbs outside quoted words, in order. */
export function speechVerbs(text: string): { start: number; end: number }[] {
  const quotes = quoteSpans(text);
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(SPEECH_VERB)) {
    if (!inside(quotes, m.index)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
