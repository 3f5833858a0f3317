import { type FuzzyDate, resolveDateExpression } from '@dateline/domain';
import type { ReadModels } from '@dateline/projections';
import type { CurationDraftDocument, DraftFact } from './draft.js';

export interface DraftComparison {
  /** Facts in the log cited by the drafted articles. */
  total: number;
  /** Log facts a draft proposes with the same dates, and the candidate that does. */
  matched: { factId: string; candidateId: string; paragraph: number }[];
  missed: string[];
  /** Drafted candidates that match no log fact. */
  unmatchedCandidates: string[];
  candidates: number;
}

/** The date a candidate stands for: its span, or its expression resolved as the importer would. */
export function candidateDate(fact: DraftFact, anchor: string): FuzzyDate {
  return 'precision' in fact.when ? fact.when : resolveDateExpression(fact.when.expression, anchor);
}

/**
 * How many facts of the log the drafts propose with the same dates. A log fact counts when the
 * draft of an article that cites it (as source or as corroboration; drafts and log articles are
 * paired by the text's sha256) holds a candidate in the cited paragraph whose earliest, latest and
 * precision equal the fact's current date. Kind, wording and participants are not compared.
 */
export function compareDraftsWithLog(
  drafts: readonly { document: CurationDraftDocument; anchor: string }[],
  models: ReadModels,
): DraftComparison {
  const articleIdBySha = new Map(
    Object.values(models.articles.articles).map((a) => [a.textSha256, a.id]),
  );
  const paired = drafts.flatMap((d) => {
    const articleId = articleIdBySha.get(d.document.article.textSha256);
    return articleId ? [{ ...d, articleId }] : [];
  });
  const articleIds = new Set(paired.map((d) => d.articleId));
  const facts = Object.values(models.timeline.facts).filter((f) =>
    f.sources.some((s) => articleIds.has(s.articleId)),
  );
  const matched: DraftComparison['matched'] = [];
  const used = new Set<string>();
  for (const fact of facts) {
    const hit = paired
      .flatMap((d) =>
        d.document.facts
          .filter((candidate) =>
            fact.sources.some(
              (s) => s.articleId === d.articleId && s.paragraph === candidate.paragraph,
            ),
          )
          .map((candidate) => ({ candidate, date: candidateDate(candidate, d.anchor) })),
      )
      .find(
        ({ date }) =>
          date.earliest === fact.occurred.earliest &&
          date.latest === fact.occurred.latest &&
          date.precision === fact.occurred.precision,
      );
    if (hit) {
      matched.push({
        factId: fact.id,
        candidateId: hit.candidate.id,
        paragraph: hit.candidate.paragraph,
      });
      used.add(hit.candidate.id);
    }
  }
  const all = paired.flatMap((d) => d.document.facts.map((f) => f.id));
  return {
    total: facts.length,
    matched,
    missed: facts.filter((f) => !matched.some((m) => m.factId === f.id)).map((f) => f.id),
    unmatchedCandidates: all.filter((id) => !used.has(id)),
    candidates: all.length,
  };
}
