import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiProblemView } from '@/components/api-problem';
import { FactCard } from '@/components/fact-card';
import { FuzzyDate } from '@/components/fuzzy-date';
import {
  DetailTimeTravelBanner,
  IgnoredNote,
  NotInRecordYet,
} from '@/components/time-travel-notes';
import type { FactPageQuery as FactPageQueryResult, LinkRelation } from '@/gql/graphql';
import { formatPublished, formatTimestamp } from '@/lib/dates';
import {
  EMPTY_QUERY,
  parseStoryQuery,
  type SearchParams,
  storyHref,
  timeTravelOf,
  toAsOf,
  travelQuery,
} from '@/lib/filters';
import { loadAt } from '@/lib/load-at';
import { FactPageQuery } from '@/lib/operations';
import { describeCorrection, type FieldChange } from '@/lib/revision-diff';

type Params = Promise<{ id: string }>;

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}): Promise<Metadata> {
  const { id } = await params;
  // Titled as the page shows it: in a past view, the summary the fact had then.
  const { query, result } = await loadAt(FactPageQuery, id, parseStoryQuery(await searchParams));
  if (!result.ok) return { title: 'Fact' };
  if (!result.data.fact) return { title: toAsOf(query) ? 'Not in the record yet' : 'Fact' };
  return { title: result.data.fact.summary };
}

const RELATIONS: Record<LinkRelation, { outgoing: string; incoming: string }> = {
  LED_TO: { outgoing: 'Led to', incoming: 'Followed from' },
  RESPONDS_TO: { outgoing: 'Responds to', incoming: 'Answered by' },
  PART_OF: { outgoing: 'Part of', incoming: 'Includes' },
  PREPARES: { outgoing: 'Prepares', incoming: 'Prepared by' },
};

const EVENT_NAMES: Record<string, string> = {
  FactRecorded: 'Recorded',
  FactCorroborated: 'Corroborated',
  FactCorrected: 'Corrected',
  FactRetracted: 'Retracted',
  FactsLinked: 'Linked',
};

export default async function FactPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  // The moment a time-travel view was looking at, kept when it links here.
  const { query, result } = await loadAt(FactPageQuery, id, parseStoryQuery(await searchParams));
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const asOf = toAsOf(query);
  const fact = result.data.fact;
  if (!fact && !asOf) notFound();
  const today = `/facts/${encodeURIComponent(id)}`;
  const banner = asOf ? (
    <DetailTimeTravelBanner what="this fact" query={query} today={today} />
  ) : null;
  if (!fact)
    return (
      <NotInRecordYet
        query={query}
        banner={banner}
        today={today}
        why={
          query.reportedBy
            ? 'No article published by then reported this fact; later ones did.'
            : 'At that point the log held no such fact; it was recorded later.'
        }
      />
    );
  const names = new Map(fact.participants.map((p) => [p.actor.id, p.actor.name]));
  // Kept by the links to articles, which show them as they were at that moment too.
  const travel = asOf ? travelQuery(query) : '';

  return (
    <div className="detail">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={storyHref({ ...EMPTY_QUERY, ...timeTravelOf(query) })}>Storyline</Link>{' '}
        <span aria-hidden="true">›</span> Fact
      </nav>
      <IgnoredNote query={query} />
      {banner}
      <h1 className="visually-hidden">Fact: {fact.summary}</h1>
      <FactCard fact={fact} level={2} travel={asOf ? travelQuery(query) : undefined} />

      <section aria-labelledby="when-title" className="panel">
        <h2 id="when-title">When</h2>
        <p>
          <FuzzyDate span={fact.occurred} long />.
          {fact.occurred.precision !== 'DAY' ? (
            <>
              {' '}
              The earliest it can have been is {formatPublished(fact.occurred.earliest)}, the latest{' '}
              {formatPublished(fact.occurred.latest)}.
            </>
          ) : null}
          <DateOrigin fact={fact} travel={travel} />
        </p>
        {fact.places.length ? <p>Where: {fact.places.join(', ')}.</p> : null}
      </section>

      <section aria-labelledby="sources-title" className="panel">
        <h2 id="sources-title">Sources</h2>
        <ol className="source-list">
          {fact.sources.map((s, i) => (
            <li key={`${s.article.id}-${s.paragraph}`}>
              <p className="source-list__head">
                <span className="source-kind">{i === 0 ? 'Reported in' : 'Corroborated by'}</span>{' '}
                <Link href={`/articles/${encodeURIComponent(s.article.id)}${travel}`}>
                  {s.article.headline}
                </Link>
              </p>
              <p className="source-list__meta">
                {s.article.publisher}, published {formatPublished(s.article.publishedAt)}, paragraph{' '}
                {s.paragraph}
                {s.dateExpression ? <>; the article dated it “{s.dateExpression}”</> : null}
              </p>
              <blockquote className="excerpt">
                <p className="excerpt__text">{s.excerpt}</p>
              </blockquote>
              {s.note ? <p className="source-list__note">Curator’s note: {s.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      {fact.links.length ? (
        <section aria-labelledby="links-title" className="panel">
          <h2 id="links-title">Related facts</h2>
          <ul className="link-list">
            {fact.links.map((l) => (
              <li key={`${l.relation}-${l.direction}-${l.fact.id}`}>
                <span className="link-relation">
                  {l.direction === 'INCOMING'
                    ? RELATIONS[l.relation].incoming
                    : RELATIONS[l.relation].outgoing}
                </span>{' '}
                <Link
                  href={`/facts/${encodeURIComponent(l.fact.id)}${asOf ? travelQuery(query) : ''}`}
                >
                  {l.fact.summary}
                </Link>{' '}
                <span className="muted">
                  (<FuzzyDate span={l.fact.occurred} />)
                </span>
                {l.evidence ? (
                  <div className="link-evidence">
                    <p className="source-list__meta">
                      On the word of{' '}
                      <Link
                        href={`/articles/${encodeURIComponent(l.evidence.article.id)}${travel}`}
                      >
                        {l.evidence.article.headline}
                      </Link>{' '}
                      ({l.evidence.article.publisher}, published{' '}
                      {formatPublished(l.evidence.article.publishedAt)}), paragraph{' '}
                      {l.evidence.paragraph}
                    </p>
                    <blockquote className="excerpt">
                      <p className="excerpt__text">{l.evidence.excerpt}</p>
                    </blockquote>
                    {l.evidence.note ? (
                      <p className="source-list__note">Curator’s note: {l.evidence.note}</p>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="history-title" className="panel" id="history">
        <h2 id="history-title">Revision history</h2>
        <p className="hint">
          Each line is an event in the log. Nothing is ever overwritten: corrections and retractions
          are new events.
        </p>
        <ol className="history">
          {fact.history.map((r) => (
            <li key={r.position} className={`history__item history__item--${r.type}`}>
              <p className="history__line history__head">
                <strong>{EVENT_NAMES[r.type] ?? r.type}</strong>{' '}
                <span className="muted">
                  at{' '}
                  <Link href={`/log?after=${Math.max(0, r.position - 1)}#event-${r.position}`}>
                    position {r.position}
                  </Link>
                  , <time dateTime={r.recordedAt}>{formatTimestamp(r.recordedAt)}</time>
                </span>
              </p>
              <p className="history__line">{r.description}</p>
              {r.evidence ? (
                <div className="history__evidence">
                  <p className="source-list__meta">
                    On the word of{' '}
                    <Link href={`/articles/${encodeURIComponent(r.evidence.article.id)}${travel}`}>
                      {r.evidence.article.headline}
                    </Link>{' '}
                    ({r.evidence.article.publisher}, published{' '}
                    {formatPublished(r.evidence.article.publishedAt)}), paragraph{' '}
                    {r.evidence.paragraph}
                    {r.evidence.dateExpression ? (
                      <>; the article dated it “{r.evidence.dateExpression}”</>
                    ) : null}
                  </p>
                  <blockquote className="excerpt">
                    <p className="excerpt__text">{r.evidence.excerpt}</p>
                  </blockquote>
                </div>
              ) : r.article ? (
                <p className="history__line">
                  Article:{' '}
                  <Link href={`/articles/${encodeURIComponent(r.article.id)}${travel}`}>
                    {r.article.headline}
                  </Link>
                </p>
              ) : null}
              {r.type === 'FactCorrected' ? (
                <CorrectionTable changes={describeCorrection(r.before, r.after, names)} />
              ) : null}
              {r.changedFields.length ? (
                <p className="history__line muted">Changed: {r.changedFields.join(', ')}</p>
              ) : null}
              {r.reason && !r.description.includes(r.reason) ? (
                <p className="history__line muted">Reason: {r.reason}</p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** The items of a list a correction took out (struck) or put in (marked), or a word for none. */
function ItemList({ items, as: Mark, none }: { items: string[]; as: 'del' | 'ins'; none: string }) {
  if (!items.length) return <span className="muted">{none}</span>;
  return (
    <ul className="correction-table__items">
      {items.map((item) => (
        <li key={item}>
          <Mark>{item}</Mark>
        </li>
      ))}
    </ul>
  );
}

function CorrectionTable({ changes }: { changes: FieldChange[] }) {
  if (!changes.length) return null;
  return (
    <div className="table-scroll correction-scroll">
      <table className="data-table correction-table">
        <caption className="visually-hidden">What the correction changed</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.field}</th>
              {c.items ? (
                <>
                  <td>
                    <ItemList items={c.items.removed} as="del" none="nothing taken out" />
                  </td>
                  <td>
                    <ItemList items={c.items.added} as="ins" none="nothing added" />
                    {c.items.kept.length ? (
                      <p className="correction-table__kept">
                        Unchanged: {c.items.kept.join(c.field === 'Quotes' ? ' ' : ', ')}
                      </p>
                    ) : null}
                  </td>
                </>
              ) : (
                <>
                  <td>
                    <del>{c.before}</del>
                  </td>
                  <td>
                    <ins>{c.after}</ins>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type PageFact = NonNullable<FactPageQueryResult['fact']>;

/**
 * Whose words the date is. A correction that changed the date brought its own expression, on the
 * word of its evidence (if any): the sources listed below may date it differently ("last week"),
 * so the date is not put down to "the source".
 */
function DateOrigin({ fact, travel }: { fact: PageFact; travel: string }) {
  const expression = fact.occurred.expression;
  const correction = fact.history.findLast(
    (r) => r.type === 'FactCorrected' && r.changedFields.includes('occurred'),
  );
  if (!correction) return expression ? <> The source put it as “{expression}”.</> : null;
  return (
    <>
      {' '}
      The date is that of a correction, at{' '}
      <Link
        href={`/log?after=${Math.max(0, correction.position - 1)}#event-${correction.position}`}
      >
        position {correction.position}
      </Link>
      {correction.article ? (
        <>
          , on the word of{' '}
          <Link href={`/articles/${encodeURIComponent(correction.article.id)}${travel}`}>
            {correction.article.headline}
          </Link>
        </>
      ) : null}
      {expression ? <>, which put it as “{expression}”</> : null}.
    </>
  );
}
