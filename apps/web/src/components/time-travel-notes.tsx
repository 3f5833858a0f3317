import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatInstant, formatPublished } from '@/lib/dates';
import {
  EMPTY_QUERY,
  type IgnoredParameter,
  type StoryQuery,
  storyHref,
  timeTravelOf,
  toAsOf,
} from '@/lib/filters';

const PARAMETER_NAMES: Record<IgnoredParameter['parameter'], string> = {
  at: 'log position',
  atTime: 'time',
  reportedBy: 'publication date',
};

/** Why a value is ignored, as a label and the end of the note's sentence. */
function whyIgnored(i: IgnoredParameter): { label: string; reason: string } {
  if ('expected' in i) return { label: 'Not understood', reason: `it takes ${i.expected}` };
  if ('repeat' in i) return { label: 'Repeated', reason: 'only the first is read' };
  return {
    label: 'Not used',
    reason: `the ${PARAMETER_NAMES[i.instead]} (${i.instead}=…) is used instead`,
  };
}

/**
 * Time travel the address asked for but the page did not use: said, not silently dropped, with
 * what the page shows instead. The value is set apart (bdi), so that right-to-left or control
 * characters in it cannot turn the sentence around it.
 */
export function IgnoredNote({ query }: { query: StoryQuery }) {
  if (!query.ignored.length) return null;
  return (
    <div className="time-travel-banner time-travel-banner--ignored" role="note">
      {query.ignored.map((i) => {
        const { label, reason } = whyIgnored(i);
        return (
          <p key={`${i.parameter}-${i.value}`} className="time-travel-banner__text">
            <strong>{label}:</strong> the {PARAMETER_NAMES[i.parameter]} “<bdi>{i.value}</bdi>” in
            this address ({i.parameter}=…) is ignored; {reason}.
          </p>
        );
      })}
      {toAsOf(query) ? null : <p className="time-travel-banner__text">This is the present.</p>}
    </div>
  );
}

/** "as recorded up to log position 45", in the storyline's words. */
export function travelWords(query: StoryQuery): string {
  if (query.atPosition !== undefined) return `as recorded up to log position ${query.atPosition}`;
  if (query.atTime) return `as recorded by ${formatInstant(query.atTime)}`;
  return `as reported in articles published by ${formatPublished(query.reportedBy ?? '')}`;
}

/**
 * The banner of a fact, actor or article page seen at an earlier moment: what it shows ("this
 * fact", "this actor’s facts"), when, and the ways back to today and to the storyline then.
 */
export function DetailTimeTravelBanner({
  what,
  query,
  today,
}: {
  what: string;
  query: StoryQuery;
  today: string;
}) {
  return (
    <div className="time-travel-banner" role="note" data-time-travel="">
      <p className="time-travel-banner__text">
        <strong>Time travel:</strong> {what} {travelWords(query)}.{' '}
        <Link href={today}>See it today</Link> ·{' '}
        <Link href={storyHref({ ...EMPTY_QUERY, ...timeTravelOf(query) })}>
          the storyline at that point
        </Link>
      </p>
    </div>
  );
}

/** A detail page's subject that the log did not hold yet at the moment asked for. */
export function NotInRecordYet({
  query,
  banner,
  today,
  why,
}: {
  query: StoryQuery;
  banner: ReactNode;
  today: string;
  why: string;
}) {
  return (
    <div className="detail">
      <IgnoredNote query={query} />
      {banner}
      <section className="problem" aria-labelledby="problem-title">
        <h1 id="problem-title">Not in the record yet</h1>
        <p>
          {why} <Link href={today}>See it today</Link>.
        </p>
      </section>
    </div>
  );
}
