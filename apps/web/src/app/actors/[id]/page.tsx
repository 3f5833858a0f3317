import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiProblemView } from '@/components/api-problem';
import { Storyline } from '@/components/storyline';
import {
  DetailTimeTravelBanner,
  IgnoredNote,
  NotInRecordYet,
} from '@/components/time-travel-notes';
import { countryName } from '@/lib/countries';
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
import { ActorPageQuery } from '@/lib/operations';
import { actorKindLabel, interactionLabel } from '@/lib/vocabulary';

type Params = Promise<{ id: string }>;

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}): Promise<Metadata> {
  const { id } = await params;
  const { query, result } = await loadAt(ActorPageQuery, id, parseStoryQuery(await searchParams));
  if (result.ok && result.data.actor) return { title: result.data.actor.name };
  return { title: result.ok && toAsOf(query) ? 'Not in the record yet' : 'Actor' };
}

export default async function ActorPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  const { query, result } = await loadAt(ActorPageQuery, id, parseStoryQuery(await searchParams));
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const asOf = toAsOf(query);
  const { actor, interactions } = result.data;
  if (!actor && !asOf) notFound();
  const today = `/actors/${encodeURIComponent(id)}`;
  // Kept by the links to facts, articles, topics and other actors, which show that moment too.
  const travel = asOf ? travelQuery(query) : '';
  const banner = asOf ? (
    <DetailTimeTravelBanner what="this actor’s facts" query={query} today={today} />
  ) : null;
  if (!actor)
    return (
      <NotInRecordYet
        query={query}
        banner={banner}
        today={today}
        why="At that point the log held no such actor; it was registered later."
      />
    );

  const facts = actor.facts.edges.map((e) => e.node);
  const partners = interactions
    .map((edge) => ({
      other: edge.source.id === actor.id ? edge.target : edge.source,
      kinds: edge.kinds,
      count: edge.facts.length,
    }))
    .filter((p) => p.other.id !== actor.id)
    .sort((a, b) => b.count - a.count || a.other.name.localeCompare(b.other.name));

  return (
    <div className="detail">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/actors">Actors</Link> <span aria-hidden="true">›</span> {actor.name}
      </nav>
      <IgnoredNote query={query} />
      {banner}
      <header className="detail__header">
        <h1>{actor.name}</h1>
        <p className="detail__sub">
          {[
            actor.title,
            actorKindLabel(actor.kind),
            actor.country ? countryName(actor.country) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {actor.aliases.length ? (
          <p className="muted">Also called: {actor.aliases.join(', ')}</p>
        ) : null}
        <p>
          <Link href={storyHref({ ...EMPTY_QUERY, actors: [actor.id], ...timeTravelOf(query) })}>
            Filter the storyline by {actor.name}
          </Link>
        </p>
      </header>

      <section aria-labelledby="partners-title" className="panel">
        <h2 id="partners-title">Interacted with</h2>
        {partners.length ? (
          <ul className="partner-list">
            {partners.map((p) => (
              <li key={p.other.id}>
                <Link href={`/actors/${encodeURIComponent(p.other.id)}${travel}`}>
                  {p.other.name}
                </Link>{' '}
                <span className="muted">
                  {p.kinds.map(interactionLabel).join(', ')} · {p.count}{' '}
                  {p.count === 1 ? 'fact' : 'facts'}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {asOf
              ? 'No interaction with another actor had been recorded at that point.'
              : 'No interaction with another actor is recorded.'}
          </p>
        )}
      </section>

      <section aria-labelledby="actor-timeline-title">
        <h2 id="actor-timeline-title">
          {actor.name}’s timeline ({actor.facts.totalCount}{' '}
          {actor.facts.totalCount === 1 ? 'fact' : 'facts'})
        </h2>
        {facts.length ? (
          <Storyline facts={facts} level={3} travel={asOf ? travel : undefined} />
        ) : (
          <p>
            {asOf
              ? `No fact involving ${actor.name} had been recorded at that point.`
              : `No fact involves ${actor.name} yet.`}
          </p>
        )}
      </section>
    </div>
  );
}
