import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiProblemView } from '@/components/api-problem';
import { Storyline } from '@/components/storyline';
import { load } from '@/lib/api';
import { countryName } from '@/lib/countries';
import { ActorPageQuery } from '@/lib/operations';
import { actorKindLabel, interactionLabel } from '@/lib/vocabulary';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const result = await load(ActorPageQuery, { id });
  return { title: result.ok && result.data.actor ? result.data.actor.name : 'Actor' };
}

export default async function ActorPage({ params }: { params: Params }) {
  const { id } = await params;
  const result = await load(ActorPageQuery, { id });
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const { actor, interactions } = result.data;
  if (!actor) notFound();

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
          <Link href={`/?actor=${encodeURIComponent(actor.id)}`}>
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
                <Link href={`/actors/${encodeURIComponent(p.other.id)}`}>{p.other.name}</Link>{' '}
                <span className="muted">
                  {p.kinds.map(interactionLabel).join(', ')} · {p.count}{' '}
                  {p.count === 1 ? 'fact' : 'facts'}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>No interaction with another actor is recorded.</p>
        )}
      </section>

      <section aria-labelledby="actor-timeline-title">
        <h2 id="actor-timeline-title">
          {actor.name}’s timeline ({actor.facts.totalCount}{' '}
          {actor.facts.totalCount === 1 ? 'fact' : 'facts'})
        </h2>
        {facts.length ? (
          <Storyline facts={facts} level={3} />
        ) : (
          <p>No fact involves {actor.name} yet.</p>
        )}
      </section>
    </div>
  );
}
