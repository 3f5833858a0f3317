export { createActorMatcher, type KnownActor, type Mention } from './actors.js';
export { type FoundDate, findDateExpressions, resolveNewsDate } from './dates.js';
export {
  type CurationDraftDocument,
  type DraftedCuration,
  type DraftFact,
  type DraftOptions,
  draftCuration,
  type FactReview,
} from './draft.js';
export { candidateDate, compareDraftsWithLog, type DraftComparison } from './measure.js';
export { type ArticleText, type Paragraph, splitArticle, splitSentences } from './text.js';
export { renderDraftYaml } from './yaml.js';
