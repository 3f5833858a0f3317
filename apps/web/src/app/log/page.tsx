import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiProblemView } from '@/components/api-problem';
import { load } from '@/lib/api';
import { formatTimestamp } from '@/lib/dates';
import { streamHref } from '@/lib/facts';
import type { SearchParams } from '@/lib/filters';
import { LogPageQuery } from '@/lib/operations';

export const metadata: Metadata = { title: 'Event log' };

const PAGE_SIZE = 50;

function afterParam(params: SearchParams): number {
  const raw = params.after;
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  // GraphQL's Int is 32-bit: a larger number is past any log this serves, and reads as its end.
  return Number.isInteger(value) && value > 0 ? Math.min(value, 2_147_483_647) : 0;
}

export default async function LogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const after = afterParam(await searchParams);
  const result = await load(LogPageQuery, { after, first: PAGE_SIZE });
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const { events, logHead } = result.data;
  const rows = events.edges.map((e) => e.node);
  const first = rows[0]?.position;
  const last = rows.at(-1)?.position;

  return (
    <div className="detail detail--wide">
      <h1>The event log</h1>
      <p className="lede">
        Every change to Dateline, in the order it was recorded. Each event carries the hash of the
        one before it, so any edit to the past would break the chain.
      </p>
      <dl className="head-facts">
        <div>
          <dt>Events</dt>
          <dd>{events.totalCount}</dd>
        </div>
        <div>
          <dt>Head position</dt>
          <dd>{logHead.position}</dd>
        </div>
        <div>
          <dt>Head hash</dt>
          <dd>
            <code className="hash hash--full">{logHead.hash ?? '—'}</code>
          </dd>
        </div>
      </dl>
      <h2 className="results-title">
        {first !== undefined && last !== undefined
          ? `Positions ${first} to ${last}`
          : 'No events on this page'}
      </h2>
      <div className="table-scroll">
        <table className="data-table log-table">
          <caption className="visually-hidden">Events in log order</caption>
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">Event</th>
              <th scope="col">Stream</th>
              <th scope="col">Recorded</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event, i) => {
              const href = streamHref(event.streamId, event.data);
              const previous = rows[i - 1];
              const chained = previous ? previous.hash === event.prevHash : undefined;
              return (
                <tr key={event.position} id={`event-${event.position}`}>
                  <th scope="row">{event.position}</th>
                  <td>
                    <span className="event-type">{event.type}</span>
                    <details className="event-data">
                      <summary className="event-data__summary">
                        Data<span className="visually-hidden"> of event {event.position}</span>
                      </summary>
                      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (axe scrollable-region-focusable) */}
                      <pre tabIndex={0}>{JSON.stringify(event.data, null, 2)}</pre>
                    </details>
                  </td>
                  <td>
                    {href ? (
                      <Link href={href}>
                        {event.streamId}
                        <span className="visually-hidden">
                          {' '}
                          (what event {event.position} changed)
                        </span>
                      </Link>
                    ) : (
                      event.streamId
                    )}{' '}
                    <span className="muted">v{event.streamVersion}</span>
                  </td>
                  <td>
                    <time dateTime={event.recordedAt}>{formatTimestamp(event.recordedAt)}</time>
                  </td>
                  <td>
                    <code className="hash">{event.hash.slice(0, 12)}</code>
                    <span className="muted">
                      {' '}
                      ← <code className="hash">{event.prevHash.slice(0, 12)}</code>
                    </span>
                    {chained === false ? (
                      <strong className="chain-broken"> chain broken</strong>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav aria-label="Log pages" className="pager">
        {after > 0 ? (
          <Link
            href={`/log?after=${Math.max(0, Math.min(after, logHead.position) - PAGE_SIZE)}`}
            className="button-secondary"
          >
            Earlier events
          </Link>
        ) : null}
        {events.pageInfo.hasNextPage && last !== undefined ? (
          <Link href={`/log?after=${last}`} className="button-secondary">
            Later events
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
