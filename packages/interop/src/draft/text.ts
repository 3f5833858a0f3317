/**
 * An article's text as the curation files number it: paragraphs are the non-empty lines, from 1.
 * A first line that reads as a headline (no closing punctuation, a blank line after it) is the
 * headline and is not numbered; a dateline at the start of the first paragraph is set aside.
 */

export interface Sentence {
  text: string;
  /** Offset of the sentence in its paragraph's text. */
  start: number;
}

export interface Paragraph {
  /** 1-based, as `paragraph:` in a curation file. */
  number: number;
  text: string;
  sentences: Sentence[];
}

export interface ArticleText {
  headline?: string;
  /** A dateline removed from the first paragraph (" date 2025-02-17", "LONDON, Feb 17 (Reuters) -"). */
  dateline?: { text: string; date?: string };
  paragraphs: Paragraph[];
}

const DATELINES: { pattern: RegExp; date?: (m: RegExpExecArray) => string }[] = [
  { pattern: /^\s*date (\d{4}-\d{2}-\d{2})\s+/, date: (m) => m[1]! },
  // Wire style: "LONDON/PARIS, Feb 17 (Reuters) - "
  {
    pattern:
      /^\s*[A-Z][A-Z .'/-]{1,60}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})? \([A-Z][A-Za-z .]+\) [-–—] /,
  },
];

// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(
  [
    'mr',
    'mrs',
    'ms',
    'dr',
    'prof',
    'gen',
    'lt',
    'col',
    'capt',
    'maj',
    'sgt',
    'sen',
    'rep',
    'gov',
    'pres',
    'st',
    'jr',
    'sr',
    'no',
    'vs',
    'inc',
    'ltd',
    'co',
    'corp',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
    'e.g',
    'i.e',
    'approx',
  ].map((a) => `${a}.`),
);

function endsWithAbbreviation(before: string): boolean {
  const word = /(\S+)$/.exec(before)?.[1]?.replace(/^[("“‘']+/, '') ?? '';
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // Initials and dotted acronyms: "J.", "U.S.", "U.K."
  return /^(?:[A-Z]\.)+$/.test(word);
}

/** Sentences of a paragraph: a split after . ! ? (and a closing quote) before a capital or a quote. */
export function splitSentences(paragraph: string): Sentence[] {
  const out: Sentence[] = [];
  const boundary = /([.!?])(["”’')]*)(\s+)(?=["“‘(]?[A-Z0-9])/g;
  let start = 0;
  for (let m = boundary.exec(paragraph); m; m = boundary.exec(paragraph)) {
    const end = m.index + m[1]!.length + m[2]!.length;
    if (m[1] === '.' && m[2] === '' && endsWithAbbreviation(paragraph.slice(start, end))) continue;
    const text = paragraph.slice(start, end).trim();
    if (text)
      out.push({
        text,
        start: start + (paragraph.slice(start).length - paragraph.slice(start).trimStart().length),
      });
    start = end + m[3]!.length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push({ text: rest, start });
  return out;
}

/** Splits an article into a headline, a dateline and numbered paragraphs of sentences. */
export function splitArticle(text: string): ArticleText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const result: ArticleText = { paragraphs: [] };
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const first = lines[i]?.trim() ?? '';
  const blankAfter = (lines[i + 1] ?? '').trim() === '';
  if (first && !/[.!?"”’]$/.test(first) && blankAfter && first.length <= 200) {
    result.headline = first;
    i++;
  }
  for (; i < lines.length; i++) {
    let line = lines[i]!.trim();
    if (!line) continue;
    if (result.paragraphs.length === 0 && !result.dateline) {
      for (const { pattern, date } of DATELINES) {
        const m = pattern.exec(`${lines[i]}`);
        if (m) {
          result.dateline = { text: m[0].trim(), ...(date ? { date: date(m) } : {}) };
          line = lines[i]!.slice(m[0].length).trim();
          break;
        }
      }
    }
    result.paragraphs.push({
      number: result.paragraphs.length + 1,
      text: line,
      sentences: splitSentences(line),
    });
  }
  return result;
}
