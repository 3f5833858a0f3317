import { FuzzyDate } from '@/components/fuzzy-date';
import { formatPublished } from '@/lib/dates';
import { type CardFact, corroborationLabel, lastCorrection } from '@/lib/facts';
import type { FactChange } from '@/lib/time-travel';
import { isUnrealised, kindLabel, precisionLabel, roleLabel, statusLabel } from '@/lib/vocabulary';

interface Props {
  fact: CardFact;
  /** Heading level of the card's headline inside the page's outline. */
  level?: 2 | 3 | 4;
  /** In a time-travel view: what has changed about this fact since. */
  change?: FactChange;
  /** Paragraph marker on an article page. */
  paragraph?: number;
  /** In a time-travel view: its query ("?at=45"), kept by the links to the fact, its actors, its sources' articles and its topics. */
  travel?: string;
}

/**
 * One fact. The headline comes first in the markup so a screen reader hears it before the
 * metadata; untrusted text (summaries, quotes, excerpts) is only ever rendered as React text.
 *
 * A pure server component with no client component inside: its links are plain anchors, not
 * `next/link`. A card has a dozen links (headline, participants, speakers, sources, topics), and
 * each `<Link>` is a client component that hydrates and registers for viewport prefetching, a cost
 * per link that a page of cards multiplies. Plain links load the next page as a document, which
 * these server-rendered pages are built for. Text that mixes literals and values is built as one
 * string: one text node, rather than several with React's separators between them to hydrate.
 */
export function FactCard({ fact, level = 3, change, paragraph, travel }: Props) {
  const Heading = `h${level}` as const;
  const titleId = `fact-${fact.id}-title`;
  const correction = lastCorrection(fact);
  const unrealised = isUnrealised(fact.status);
  const classes = [
    'card',
    `card--${fact.status.toLowerCase()}`,
    unrealised ? 'card--unrealised' : 'card--realised',
    fact.retracted ? 'card--retracted' : '',
    change ? 'card--changed' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <article className={classes} aria-labelledby={titleId} data-position={fact.lastPosition}>
      <Heading id={titleId} className="card__title">
        <a href={`/facts/${encodeURIComponent(fact.id)}${travel ?? ''}`}>{fact.summary}</a>
      </Heading>
      <p className="card__meta">
        <span className={`status status--${fact.status.toLowerCase()}`}>
          {statusLabel(fact.status)}
        </span>
        <span className="kind">{kindLabel(fact.kind)}</span>
        <span className="card__date">
          <FuzzyDate span={fact.occurred} />
          {fact.occurred.precision !== 'DAY' ? (
            <span className="precision">{` (${precisionLabel(fact.occurred.precision)})`}</span>
          ) : null}
        </span>
        {paragraph !== undefined ? <span className="paragraph-ref">{`¶ ${paragraph}`}</span> : null}
      </p>
      {fact.retracted ? (
        <p className="notice notice--retracted">
          <strong>Retracted.</strong>
          {` ${fact.retraction?.reason ?? 'This fact no longer stands.'}`}
        </p>
      ) : null}
      {correction ? (
        <p className="notice notice--corrected">
          <strong>Corrected.</strong>
          {` ${correction.reason ?? correction.description} `}
          <a href={`/facts/${encodeURIComponent(fact.id)}${travel ?? ''}#history`}>
            See what changed<span className="visually-hidden">{` in “${fact.summary}”`}</span>
          </a>
        </p>
      ) : null}
      {change ? (
        <div className="notice notice--changed">
          <strong>Changed since this point:</strong>
          <ul>
            {change.differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {fact.participants.length ? (
        <ul className="participants" aria-label="Participants">
          {fact.participants.map((p) => (
            <li key={`${p.actor.id}-${p.role}`}>
              <a href={`/actors/${encodeURIComponent(p.actor.id)}${travel ?? ''}`}>
                {p.actor.name}
              </a>
              <span className="role">{` ${roleLabel(p.role)}`}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {fact.quotes.map((q) => (
        <figure className="quote" key={`${q.speaker?.id ?? 'unattributed'}-${q.text}`}>
          <blockquote>
            <p>{q.text}</p>
          </blockquote>
          <figcaption>
            {q.speaker ? (
              <a href={`/actors/${encodeURIComponent(q.speaker.id)}${travel ?? ''}`}>
                {q.speaker.name}
              </a>
            ) : (
              'Unattributed'
            )}
          </figcaption>
        </figure>
      ))}
      <details className="sources">
        <summary>{corroborationLabel(fact.sources.length)}</summary>
        <ol>
          {fact.sources.map((s) => (
            <li key={`${s.article.id}-${s.paragraph}`}>
              <a href={`/articles/${encodeURIComponent(s.article.id)}${travel ?? ''}`}>
                {s.article.headline}
              </a>
              <span className="source__meta">
                {` ${s.article.publisher}, ${formatPublished(s.article.publishedAt)}, paragraph ${s.paragraph}`}
              </span>
            </li>
          ))}
        </ol>
      </details>
      {fact.topics.length ? (
        <ul className="topics" aria-label="Topics">
          {fact.topics.map((t) => (
            <li key={t}>
              <a
                className="topic-link"
                href={`/?topic=${encodeURIComponent(t)}${travel ? `&${travel.slice(1)}` : ''}`}
              >
                {t}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
