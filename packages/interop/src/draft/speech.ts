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

/** Relative and participial asides (", who is expected to …,", ", speaking in London,"), which hide a verb's subject. */
export function asideSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /,\s*(?:who|which|whose|speaking|writing|asked|interviewed|quoted)\b[^,]*,/g;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const inside = (spans: { start: number; end: number }[], at: number) =>
  spans.some((s) => at >= s.start && at < s.end);

export type Subject = { actorId: string } | { carried: true } | undefined;

/** "'s adviser", "'s spokesman": words said by someone of the actor's, not by the actor. */
const POSSESSIVE_OF_ANOTHER =
  /^['’]s\s+(?:[\w-]+\s+){0,2}(?:adviser|advisers|advisor|advisors|aide|aides|spokesman|spokeswoman|spokesperson|envoy|official|officials|minister|ministers|deputy|ally|allies|critic|critics|rival|rivals|opponent|opponents|lawyer|lawyers|son|daughter|wife|husband)\b/i;

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
    // A possessive ("Starmer's comments", "Starmer's office") or a short stretch without a
    // sentence break, a quote or a comma. Not the possessive of someone else who speaks
    // ("Putin's spokesman said"), nor a clause that ends before the verb's own subject
    // ("in Berlin on Tuesday, analysts said").
    if (POSSESSIVE_OF_ANOTHER.test(gap)) return undefined;
    const closesAppositive = /^\s*,\s*$/.test(gap); // "Trump's envoy, Keith Kellogg, said"
    const plain = !/[.;:,"“”]/.test(gap) && gap.trim().split(/\s+/).length <= 6;
    if (/^['’]s\b/.test(gap) || closesAppositive || plain) return { actorId: m.actorId };
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
