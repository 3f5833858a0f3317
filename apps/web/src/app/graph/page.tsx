import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiProblemView } from '@/components/api-problem';
import type { ActorKind, InteractionKind } from '@/gql/graphql';
import { load } from '@/lib/api';
import { layoutGraph } from '@/lib/graph-layout';
import { GraphQuery } from '@/lib/operations';
import { interactionLabel, interactionsHeading } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Network' };

/**
 * A large log has hundreds of thousands of edges (141,875 on the 100,000-event bench log): the page
 * draws and lists the strongest, and names a few facts behind each.
 */
const EDGES_SHOWN = 100;
const FACTS_PER_EDGE = 10;

type ActorGroup = 'person' | 'state' | 'organisation' | 'source';

const LEGEND: [ActorGroup, string][] = [
  ['person', 'People'],
  ['state', 'States and governments'],
  ['organisation', 'Organisations and groups'],
  ['source', 'Anonymous sources'],
];

function actorGroup(kind: ActorKind): ActorGroup {
  switch (kind) {
    case 'PERSON':
      return 'person';
    case 'STATE':
    case 'GOVERNMENT':
      return 'state';
    case 'ORGANISATION':
    case 'GROUP':
      return 'organisation';
    case 'ANONYMOUS_SOURCE':
      return 'source';
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function kindText(kinds: readonly InteractionKind[]): string {
  return kinds.map(interactionLabel).join(', ');
}

export default async function GraphPage() {
  const result = await load(GraphQuery, { first: EDGES_SHOWN, factsPerEdge: FACTS_PER_EDGE });
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const { interactions, interactionCount } = result.data;
  const partial = interactionCount > interactions.length;
  const actor = (a: (typeof interactions)[number]['source']) => ({
    id: a.id,
    name: a.name,
    group: actorGroup(a.kind),
  });
  const layout = layoutGraph(
    interactions.map((i) => ({
      source: actor(i.source),
      target: actor(i.target),
      weight: i.factCount,
    })),
  );
  const rows = [...interactions].sort(
    (a, b) =>
      b.factCount - a.factCount ||
      a.source.name.localeCompare(b.source.name) ||
      a.target.name.localeCompare(b.target.name),
  );

  return (
    <div className="detail detail--wide">
      <h1>Who dealt with whom</h1>
      <p className="lede">
        Each line joins two actors who took part in the same call, meeting or summit, or where one
        addressed, discussed or left out the other. Thicker lines rest on more facts. The same edges
        are listed in the table below.
        {partial
          ? ` Of ${interactionCount.toLocaleString('en-GB')} interactions, the ${interactions.length} resting on the most facts are shown.`
          : null}
      </p>
      {layout.nodes.length ? (
        <figure className="graph">
          {/* On phones the drawing keeps a readable size and scrolls sideways; the hint says so. */}
          <p className="graph__hint">The drawing is wider than this screen: scroll it sideways.</p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (axe scrollable-region-focusable) */}
          <section className="graph__scroll" aria-label="Network drawing" tabIndex={0}>
            <svg
              viewBox={`0 0 ${layout.width} ${layout.height}`}
              role="img"
              aria-labelledby="graph-title graph-desc"
              className="graph__svg"
            >
              <title id="graph-title">Actor interaction network</title>
              <desc id="graph-desc">
                {layout.nodes.length} actors joined by {layout.edges.length} interactions. The table
                after this drawing lists the same interactions.
              </desc>
              <g className="graph__edges">
                {layout.edges.map((e) => (
                  <line
                    key={`${e.source.id}~${e.target.id}`}
                    x1={e.source.x}
                    y1={e.source.y}
                    x2={e.target.x}
                    y2={e.target.y}
                    strokeWidth={Math.min(8, 1 + e.weight * 1.2)}
                  />
                ))}
              </g>
              <g className="graph__nodes">
                {layout.nodes.map((n) => (
                  <g key={n.id} className={`graph__node graph__node--${n.group ?? 'person'}`}>
                    <circle cx={n.x} cy={n.y} r={n.r} />
                    <text x={n.x} y={n.y + n.r + 14} textAnchor="middle">
                      {n.name}
                    </text>
                  </g>
                ))}
              </g>
            </svg>
          </section>
          <figcaption>
            <ul className="graph-legend" aria-label="Node colours">
              {LEGEND.map(([group, label]) => (
                <li key={group} className={`graph__node--${group}`}>
                  <span className="graph-legend__swatch" aria-hidden="true" />
                  {label}
                </li>
              ))}
            </ul>
          </figcaption>
        </figure>
      ) : (
        <p>No interaction has been recorded yet.</p>
      )}
      <section aria-labelledby="edges-title">
        <h2 id="edges-title">{interactionsHeading(rows.length, interactionCount)}</h2>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">
              Interactions between actors, most documented first
            </caption>
            <thead>
              <tr>
                <th scope="col">Actor</th>
                <th scope="col">Actor</th>
                <th scope="col">How</th>
                <th scope="col">Facts</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={`${i.source.id}~${i.target.id}`}>
                  <td>
                    <Link href={`/actors/${encodeURIComponent(i.source.id)}`}>{i.source.name}</Link>
                  </td>
                  <td>
                    <Link href={`/actors/${encodeURIComponent(i.target.id)}`}>{i.target.name}</Link>
                  </td>
                  <td>{kindText(i.kinds)}</td>
                  <td>
                    <details className="edge-facts">
                      <summary className="edge-facts__summary">
                        {i.factCount} {i.factCount === 1 ? 'fact' : 'facts'}
                        <span className="visually-hidden">
                          {' '}
                          linking {i.source.name} and {i.target.name}
                        </span>
                      </summary>
                      <ul>
                        {i.facts.map((f) => (
                          <li key={f.id}>
                            <Link href={`/facts/${encodeURIComponent(f.id)}`}>{f.summary}</Link>
                          </li>
                        ))}
                        {i.factCount > i.facts.length ? (
                          <li>
                            and {i.factCount - i.facts.length} more, on either actor&rsquo;s page
                          </li>
                        ) : null}
                      </ul>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
