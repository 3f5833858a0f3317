import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiProblemView } from '@/components/api-problem';
import { load } from '@/lib/api';
import { countryName } from '@/lib/countries';
import { ActorsIndexQuery } from '@/lib/operations';
import { actorKindLabel } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Actors' };

export default async function ActorsPage() {
  const result = await load(ActorsIndexQuery);
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const actors = [...result.data.actors].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="detail">
      <h1>Actors</h1>
      <p className="lede">The people, governments and organisations in the storyline.</p>
      <ul className="index-list">
        {actors.map((a) => (
          <li key={a.id}>
            <Link href={`/actors/${encodeURIComponent(a.id)}`}>{a.name}</Link>
            <span className="muted">
              {' '}
              {[a.title, actorKindLabel(a.kind), a.country ? countryName(a.country) : null]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
