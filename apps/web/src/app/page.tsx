import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiProblemView } from '@/components/api-problem';
import { FactCard } from '@/components/fact-card';
import { FilterForm } from '@/components/filter-form';
import { Storyline } from '@/components/storyline';
import { IgnoredNote } from '@/components/time-travel-notes';
import { load } from '@/lib/api';
import { formatInstant, formatPublished } from '@/lib/dates';
import type { CardFact } from '@/lib/facts';
import {
  exportHref,
  isFiltered,
  parseStoryQuery,
  type SearchParams,
  type StoryQuery,
  storyHref,
  toAsOf,
  toTimelineFilter,
  travelQuery,
  withoutPositionPastHead,
} from '@/lib/filters';
import { FilterOptionsQuery, StorylineQuery } from '@/lib/operations';
import { diffTimelines, knownAt } from '@/lib/time-travel';

// The root layout's title template does not reach a page of its own segment.
export const metadata: Metadata = { title: { absolute: 'Storyline · Dateline' } };

/**
 * Facts per page. Every fact rendered is sent twice (as HTML, then in the React Server Components
 * payload that hydration reads), so a page is kept short and the rest of the storyline is a
 * "Later facts" link away, which works without JavaScript. At 100 a page (and every actor in the
 * filter form), `/` of the benchmark's log was a 1 MB document with 6,000 elements, and parsing,
 * laying out and hydrating it was most of its Lighthouse total blocking time.
 */
const PAGE_SIZE = 25;

export default async function StorylinePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  let query = parseStoryQuery(await searchParams);
  let loaded = await loadStory(query);
  // A position past the log head is named as not understood, as other unreadable time travel.
  const retry = loaded[0].ok ? undefined : withoutPositionPastHead(query, loaded[0].problem);
  if (retry) {
    query = retry;
    loaded = await loadStory(retry);
  }
  const [view, options, present] = loaded;
  if (!view.ok) return <ApiProblemView problem={view.problem} />;
  const asOf = toAsOf(query);

  const { timeline, logHead } = view.data;
  const facts = timeline.edges.map((e) => e.node);
  const diff =
    asOf && present?.ok
      ? diffTimelines(
          facts,
          present.data.timeline.edges.map((e) => e.node),
          isFiltered(query)
            ? 'it no longer matches these filters today'
            : 'today it is elsewhere in the storyline',
        )
      : undefined;

  return (
    <div className="storyline-layout">
      <div className="storyline-intro">
        <h1>From the Trump–Putin call to the Paris summit</h1>
        <p className="lede">
          How European diplomacy over Ukraine unfolded in February 2025, as dated facts drawn from
          news reports. Dates are only as precise as the reporting: a fact known to the week is
          shown as that week, never as a day. Planned and expected events are drawn with a dashed
          outline until they happen.
        </p>
      </div>
      <aside className="storyline-controls" aria-label="Filters and time travel">
        {/* Folded on phones unless a filter is in use; always open in the desktop sidebar (CSS). */}
        <details className="filters-disclosure" open={isFiltered(query) || asOf !== undefined}>
          <summary className="filters-disclosure__summary">
            Filter and time travel
            {activeCount(query) ? ` (${activeCount(query)} in use)` : ''}
          </summary>
          <FilterForm
            query={query}
            options={options.ok ? options.data : undefined}
            headPosition={logHead.position}
            shownFacts={facts}
          />
        </details>
      </aside>
      <section className="storyline-main" aria-labelledby="results-title">
        <h2 id="results-title" className="results-title">
          {resultsTitle(timeline.totalCount, query)}
        </h2>
        <IgnoredNote query={query} />
        {asOf ? <TimeTravelBanner query={query} headPosition={logHead.position} /> : null}
        {diff && (diff.added.length || diff.changed.size || diff.gone.length) ? (
          <section className="diff-summary" aria-labelledby="diff-title">
            <h3 id="diff-title">Compared with today</h3>
            <p>{diffSentence(diff.changed.size, laterGroups(diff.added, query))}</p>
            {laterGroups(diff.added, query)
              .filter((group) => group.facts.length > 0)
              .map((group) => (
                <details key={group.heading}>
                  <summary>
                    {group.heading} ({group.facts.length})
                  </summary>
                  <ul className="compact-cards">
                    {group.facts.map((f) => (
                      <li key={f.id}>
                        <FactCard fact={f} level={4} />
                      </li>
                    ))}
                  </ul>
                </details>
              ))}
          </section>
        ) : diff ? (
          <p className="diff-summary diff-summary--same">
            Nothing shown here has changed since this point.
          </p>
        ) : null}
        {facts.length === 0 ? (
          <EmptyResult query={query} />
        ) : (
          <Storyline
            facts={facts}
            changes={diff?.changed}
            level={3}
            travel={asOf ? travelQuery(query) : undefined}
          />
        )}
        {query.after || (timeline.pageInfo.hasNextPage && timeline.pageInfo.endCursor) ? (
          <nav className="pager" aria-label="Pages of the storyline">
            {query.after ? (
              <Link href={storyHref(query)} className="button-secondary" prefetch={false}>
                First facts
              </Link>
            ) : null}
            {timeline.pageInfo.hasNextPage && timeline.pageInfo.endCursor ? (
              <Link
                href={storyHref(query, { after: timeline.pageInfo.endCursor })}
                className="button-secondary"
                prefetch={false}
              >
                Later facts
              </Link>
            ) : null}
          </nav>
        ) : null}
        {isFiltered(query) || asOf ? <ViewDownloads query={query} /> : null}
      </section>
    </div>
  );
}

/** This view's facts to download: the footer's links give the whole story as it is today. */
function ViewDownloads({ query }: { query: StoryQuery }) {
  const raw = exportHref('ndjson', query);
  const link = (format: 'csv' | 'ics' | 'timelinejs', label: string) => (
    <a href={exportHref(format, query)} download>
      {label}
    </a>
  );
  return (
    <p className="view-downloads">
      Download this view: {link('csv', 'CSV')} · {link('ics', 'calendar (.ics)')} ·{' '}
      {link('timelinejs', 'TimelineJS')}
      {raw ? (
        <>
          {' '}
          ·{' '}
          <a href={raw} download>
            the raw log up to this point
          </a>
        </>
      ) : null}
    </p>
  );
}

/** The storyline's data for a view: its page, the filter choices, and the present beside a past. */
function loadStory(query: StoryQuery) {
  const filter = toTimelineFilter(query);
  const asOf = toAsOf(query);
  return Promise.all([
    load(StorylineQuery, { filter, first: PAGE_SIZE, after: query.after, asOf }),
    load(FilterOptionsQuery),
    // The present, over the same window of the storyline, for the differences to highlight.
    asOf
      ? load(StorylineQuery, { filter, first: PAGE_SIZE, after: query.after })
      : Promise.resolve(undefined),
  ]);
}

function countOf(n: number, one: string, many: string): string {
  if (n === 0) return `no ${one}`;
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

interface LaterGroup {
  heading: string;
  one: string;
  many: string;
  facts: CardFact[];
}

/**
 * The facts shown today but not then, by why: recorded (or reported) after that point, or, under
 * a filter, there all along and matching it only since (a correction). The first group is always
 * there, empty or not, for the sentence that sums them up.
 */
function laterGroups(added: readonly CardFact[], query: StoryQuery): [LaterGroup, LaterGroup] {
  const asOf = toAsOf(query);
  const later: LaterGroup = travelsByPublication(query)
    ? {
        heading: 'Reported later',
        one: 'fact was reported later',
        many: 'facts were reported later',
        facts: [],
      }
    : {
        heading: 'Recorded later',
        one: 'fact was recorded later',
        many: 'facts were recorded later',
        facts: [],
      };
  const matching: LaterGroup = {
    heading: 'Match these filters only today',
    one: 'fact matches these filters only today',
    many: 'facts match these filters only today',
    facts: [],
  };
  for (const fact of added)
    (isFiltered(query) && asOf && knownAt(fact, asOf) ? matching : later).facts.push(fact);
  return [later, matching];
}

function diffSentence(changed: number, [later, matching]: [LaterGroup, LaterGroup]): string {
  const parts = [`${countOf(changed, 'fact shown here has', 'facts shown here have')} changed`];
  if (later.facts.length || !matching.facts.length)
    parts.push(countOf(later.facts.length, later.one, later.many));
  if (matching.facts.length)
    parts.push(countOf(matching.facts.length, matching.one, matching.many));
  const sentence = `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Since this point, ${sentence}.${changed ? ' Changed facts are marked below.' : ''}`;
}

function activeCount(query: StoryQuery): number {
  return (
    (query.text ? 1 : 0) +
    query.actors.length +
    query.countries.length +
    query.kinds.length +
    query.statuses.length +
    query.topics.length +
    (query.from ? 1 : 0) +
    (query.to ? 1 : 0) +
    (toAsOf(query) ? 1 : 0)
  );
}

function resultsTitle(count: number, query: StoryQuery): string {
  const facts = `${count} ${count === 1 ? 'fact' : 'facts'}`;
  if (!isFiltered(query)) return `The storyline: ${facts}`;
  return `${facts} ${count === 1 ? 'matches' : 'match'} these filters`;
}

/** The same view without time travel. */
function BackToPresent({ query }: { query: StoryQuery }) {
  return (
    <Link
      prefetch={false}
      href={storyHref(query, { atPosition: undefined, atTime: undefined, reportedBy: undefined })}
    >
      Back to the present
    </Link>
  );
}

/** Whether the view travels by publication date (toAsOf takes a position or a time first). */
function travelsByPublication(query: StoryQuery): boolean {
  return Boolean(toAsOf(query)?.reportedBy);
}

function TimeTravelBanner({ query, headPosition }: { query: StoryQuery; headPosition: number }) {
  const when =
    query.atPosition !== undefined
      ? `as recorded up to log position ${query.atPosition} (of ${headPosition})`
      : query.atTime
        ? `as recorded by ${formatInstant(query.atTime)}`
        : `as reported in articles published by ${formatPublished(query.reportedBy ?? '')}`;
  return (
    <div className="time-travel-banner" role="note" data-time-travel="">
      <p className="time-travel-banner__text">
        <strong>Time travel:</strong> you are looking at the storyline {when}.{' '}
        <BackToPresent query={query} />
      </p>
    </div>
  );
}

function EmptyResult({ query }: { query: StoryQuery }) {
  if (!isFiltered(query) && toAsOf(query)) {
    return (
      <div className="empty" role="note">
        <p>
          <strong>
            {travelsByPublication(query)
              ? 'No article published by then reported a fact.'
              : 'No fact had been recorded at this point.'}
          </strong>{' '}
          Choose a later point, or go back to the present.
        </p>
        <p>
          <BackToPresent query={query} />
        </p>
      </div>
    );
  }
  return (
    <div className="empty" role="note">
      <p>
        <strong>No fact matches {isFiltered(query) ? 'all of these filters' : 'this view'}.</strong>{' '}
        Every filter must match at once, so try removing one, widening the dates, or searching for
        fewer words.
      </p>
      <p>
        <Link
          prefetch={false}
          href={storyHref({
            ...query,
            text: undefined,
            actors: [],
            countries: [],
            kinds: [],
            statuses: [],
            topics: [],
            from: undefined,
            to: undefined,
          })}
        >
          Show the whole storyline
        </Link>
      </p>
    </div>
  );
}
