import { labelFor } from '@dateline/domain';
import { Document, isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { DraftedCuration } from './draft.js';

function clip(text: string, max = 110): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** Comment text: every line starts with a space after the '#'. */
function lines(...parts: string[]): string {
  return parts.map((p) => ` ${p}`).join('\n');
}

/**
 * The draft as YAML in the shape of events/curation/*.yaml, with comments telling the curator
 * what the draft guessed and what to check before `dateline import`.
 */
export function renderDraftYaml(draft: DraftedCuration, source?: string): string {
  const doc = new Document(draft.document);
  const header = [
    `DRAFT curation file${source ? ` for ${source}` : ''}, written by \`dateline draft\`. Nothing is recorded until`,
    'you edit it and run `dateline import`. Every fact below is a candidate: keep, merge, split or delete it.',
    '',
    `Publication date (the anchor for relative dates): ${draft.anchor}.`,
    'Paragraphs: the non-empty lines of the text, numbered from 1' +
      (draft.headlineFrom === 'text' ? ' after the headline line (not numbered).' : '.'),
  ];
  if (draft.dateline)
    header.push(
      `The first paragraph starts with a dateline ("${draft.dateline.text}"), left out of the sentences.` +
        (draft.dateline.date && draft.dateline.date !== draft.anchor
          ? ` CHECK: it says ${draft.dateline.date}, not ${draft.anchor}.`
          : ''),
    );
  header.push(
    '',
    'For each fact, check:',
    '  - when: `{ expression }` is resolved by the importer against the publication date, as shown;',
    '    an explicit span was resolved by the draft (chrono or a news rule) and is kept as written.',
    '    Dates from the text only: never narrow a span with outside knowledge; put that in `note`.',
    '  - kind and status: guessed from words in the sentence (named in the comment).',
    '  - participants: known actors found by name or alias; roles are guesses. Actors not yet in',
    '    the log are not recognised: register them under `actors:` first.',
    '  - summary: the sentence as written; rewrite it as one fact in your words.',
    '  - excerpt: the clause that holds the date; it must stay a verbatim part of the paragraph.',
    '  - topics: none are guessed.',
    '',
    'Facts the article reports without a date expression are not drafted: see the list at the end.',
  );
  doc.commentBefore = lines(...header);

  const article = doc.get('article', true) as YAMLMap;
  const missing = [
    ...(draft.publisherFrom === 'missing' ? ['publisher (--publisher)'] : []),
    ...(draft.headlineFrom === 'missing' ? ['headline (--headline)'] : []),
  ];
  if (missing.length > 0)
    article.commentBefore = ` CHECK: add ${missing.join(' and ')}: the import refuses the file without ${missing.length > 1 ? 'them' : 'it'}.`;
  const headlineNode = article.get('headline', true);
  if (draft.headlineFrom === 'text' && isScalar(headlineNode))
    headlineNode.comment = ' from the first line of the text: check';
  const published = article.get('publishedAt', true);
  // Quoted, so that no YAML 1.1 reader takes it for a timestamp.
  if (isScalar(published)) published.type = 'QUOTE_SINGLE';

  const facts = doc.get('facts', true);
  if (isSeq(facts)) {
    (facts as YAMLSeq).items.forEach((item, i) => {
      const review = draft.reviews[i];
      if (!review || !isMap(item)) return;
      const d = review.date;
      item.commentBefore = lines(
        `Paragraph ${draft.document.facts[i]?.paragraph}: "${clip(review.sentence)}"`,
        `Date: "${d.expression}" → ${labelFor(d)} (${d.earliest}${d.latest !== d.earliest ? ` – ${d.latest}` : ''}, ${d.precision}); ${review.reading}.`,
        `Kind from ${review.kindFrom}; status from ${review.statusFrom}.`,
      );
      const when = item.get('when', true);
      if (isMap(when)) {
        when.flow = true;
        for (const pair of when.items)
          if (isScalar(pair.value) && /^\d{4}-\d{2}-\d{2}$/.test(String(pair.value.value)))
            pair.value.type = 'QUOTE_SINGLE';
      }
      for (const key of ['participants', 'quotes']) {
        const list = item.get(key, true);
        if (isSeq(list)) for (const entry of list.items) if (isMap(entry)) entry.flow = true;
      }
      for (const key of ['topics', 'places']) {
        const list = item.get(key, true);
        if (isSeq(list)) list.flow = true;
      }
    });
    if ((facts as YAMLSeq).items.length === 0)
      (facts as YAMLSeq).commentBefore =
        ' No sentence carries a date expression the draft could resolve.';
  }

  const trailer: string[] = [];
  if (draft.unresolved.length > 0) {
    trailer.push('Date expressions found but not resolved (date these facts by hand):');
    for (const u of draft.unresolved) trailer.push(`  par. ${u.paragraph}: "${u.expression}"`);
    trailer.push('');
  }
  if (draft.unplacedQuotes.length > 0) {
    trailer.push(
      'Quotes not attached to a drafted fact (paste them under `quotes:` where they belong):',
    );
    for (const q of draft.unplacedQuotes)
      trailer.push(
        `  - { text: ${JSON.stringify(q.text)}, ${q.speaker ? `speaker: ${q.speaker}, ` : ''}paragraph: ${q.paragraph} }`,
      );
    trailer.push('');
  }
  if (draft.undated.length > 0) {
    trailer.push('Sentences with no date expression (nothing drafted; they may still hold facts):');
    for (const u of draft.undated) trailer.push(`  par. ${u.paragraph}: ${clip(u.text, 90)}`);
  }
  if (trailer.length > 0) doc.comment = lines(...trailer);
  return doc.toString({ lineWidth: 100, flowCollectionPadding: true });
}
