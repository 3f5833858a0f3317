import Link from 'next/link';
import { PositionSlider } from '@/components/position-slider';
import type { FilterOptionsQuery } from '@/gql/graphql';
import { countryName } from '@/lib/countries';
import type { CardFact } from '@/lib/facts';
import {
  actorChoices,
  isTimeTravel,
  type StoryQuery,
  storyHref,
  topicChoices,
} from '@/lib/filters';
import { FACT_KINDS, FACT_STATUSES, kindLabel, statusLabel } from '@/lib/vocabulary';

interface Props {
  query: StoryQuery;
  /** The log head position, for the time-travel slider; unknown when the API did not say. */
  headPosition?: number;
  options: FilterOptionsQuery | undefined;
  /** The facts on this page: the Actor and Topic fields list theirs when the full lists are long. */
  shownFacts: readonly CardFact[];
}

/**
 * The storyline's filters and time travel as one GET form, so every view is a URL and works
 * without JavaScript. Multiple values per filter come from the URL (?actor=a&actor=b).
 */
export function FilterForm({ query, options, headPosition, shownFacts }: Props) {
  const travelling = isTimeTravel(query);
  const allActors = options?.actors ?? [];
  const countries = [...new Set(allActors.flatMap((a) => (a.country ? [a.country] : [])))].sort(
    (a, b) => countryName(a).localeCompare(countryName(b)),
  );
  const actorList = actorChoices(allActors, shownFacts, query.actors);
  const topics = topicChoices(
    options?.topics.map((t) => t.name),
    shownFacts,
    query.topics,
  );

  const actorName = new Map(allActors.map((a) => [a.id, a.name]));
  const actor = split(
    query.actors,
    actorList.actors.map((a) => a.id),
  );
  const country = split(query.countries, countries);
  const kind = split(
    query.kinds.map((k) => k.toLowerCase()),
    FACT_KINDS.map((k) => k.toLowerCase()),
  );
  const status = split(
    query.statuses.map((v) => v.toLowerCase()),
    FACT_STATUSES.map((v) => v.toLowerCase()),
  );
  const topic = split(query.topics, topics);
  const without = (
    field: 'actors' | 'countries' | 'kinds' | 'statuses' | 'topics',
    value: string,
  ) =>
    storyHref(query, {
      [field]: (query[field] as string[]).filter((v) => v.toLowerCase() !== value.toLowerCase()),
    });

  return (
    // autoComplete off: on Back, browsers would otherwise restore the fields as last typed, over a
    // page that shows the filters of its own URL.
    <form
      method="get"
      action="/"
      className="filters"
      aria-labelledby="filters-title"
      autoComplete="off"
    >
      <h2 id="filters-title" className="filters__title">
        Filter the storyline
      </h2>
      <div className="field">
        <label htmlFor="f-q">Words</label>
        <input
          id="f-q"
          name="q"
          type="search"
          defaultValue={query.text ?? ''}
          placeholder="e.g. peacekeepers"
          maxLength={200}
        />
      </div>
      <div className="filters__grid">
        <div className="field">
          <label htmlFor="f-actor">Actor</label>
          <select
            id="f-actor"
            name="actor"
            defaultValue={actor.selected}
            aria-describedby={actorList.partial ? 'f-actor-hint' : undefined}
          >
            <option value="">Anyone</option>
            {actorList.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {actorList.partial ? (
            <p id="f-actor-hint" className="hint">
              Listed: the actors in the facts shown. The page of each of the{' '}
              <a href="/actors">{allActors.length} actors</a> links to their storyline.
            </p>
          ) : null}
          <AlsoFiltering
            name="actor"
            values={actor.extra}
            label={(id) => actorName.get(id) ?? id}
            remove={(id) => without('actors', id)}
          />
        </div>
        <div className="field">
          <label htmlFor="f-country">Country</label>
          <select id="f-country" name="country" defaultValue={country.selected}>
            <option value="">Any</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {countryName(c)}
              </option>
            ))}
          </select>
          <AlsoFiltering
            name="country"
            values={country.extra}
            label={(c) => `${countryName(c)} (${c})`}
            remove={(c) => without('countries', c)}
          />
        </div>
        <div className="field">
          <label htmlFor="f-kind">Kind</label>
          <select id="f-kind" name="kind" defaultValue={kind.selected}>
            <option value="">Any kind</option>
            {FACT_KINDS.map((k) => (
              <option key={k} value={k.toLowerCase()}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
          <AlsoFiltering
            name="kind"
            values={kind.extra}
            label={(k) => kindLabel(k.toUpperCase() as (typeof FACT_KINDS)[number])}
            remove={(k) => without('kinds', k)}
          />
        </div>
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" name="status" defaultValue={status.selected}>
            <option value="">Any status</option>
            {FACT_STATUSES.map((s) => (
              <option key={s} value={s.toLowerCase()}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
          <AlsoFiltering
            name="status"
            values={status.extra}
            label={(v) => statusLabel(v.toUpperCase() as (typeof FACT_STATUSES)[number])}
            remove={(v) => without('statuses', v)}
          />
        </div>
        <div className="field">
          <label htmlFor="f-topic">Topic</label>
          <select id="f-topic" name="topic" defaultValue={topic.selected}>
            <option value="">Any topic</option>
            {topics.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <AlsoFiltering
            name="topic"
            values={topic.extra}
            label={(t) => t}
            remove={(t) => without('topics', t)}
          />
        </div>
      </div>
      <fieldset className="field-pair">
        <legend>Happened between</legend>
        <div className="field">
          <label htmlFor="f-from">From</label>
          <input id="f-from" name="from" type="date" defaultValue={query.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To</label>
          <input id="f-to" name="to" type="date" defaultValue={query.to ?? ''} />
        </div>
      </fieldset>
      <details className="time-travel" open={travelling}>
        <summary className="time-travel__summary">Time travel</summary>
        <fieldset className="time-travel__fields" aria-describedby="tt-help">
          <legend className="visually-hidden">Time travel</legend>
          <p id="tt-help" className="hint">
            See the storyline as the log knew it: up to a log position, up to a moment, or only what
            articles published by a date reported. Differences from today are highlighted.
          </p>
          <div className="field">
            <label htmlFor="f-at">As recorded at log position</label>
            <input
              id="f-at"
              name="at"
              type="number"
              min={0}
              max={headPosition || undefined}
              step={1}
              inputMode="numeric"
              defaultValue={query.atPosition ?? ''}
            />
          </div>
          {headPosition ? <PositionSlider inputId="f-at" max={headPosition} /> : null}
          <div className="field">
            <label htmlFor="f-at-time">As recorded at (UTC)</label>
            <input
              id="f-at-time"
              name="atTime"
              type="datetime-local"
              // Milliseconds too: a batch of events shares a second, and the form must give back
              // the moment the URL named.
              step={0.001}
              defaultValue={query.atTime ? query.atTime.slice(0, 23) : ''}
            />
          </div>
          <div className="field">
            <label htmlFor="f-reported-by">As reported by</label>
            <input
              id="f-reported-by"
              name="reportedBy"
              type="date"
              defaultValue={query.reportedBy ?? ''}
            />
          </div>
        </fieldset>
      </details>
      <div className="filters__actions">
        <button type="submit">Show</button>
        <Link href="/" className="button-secondary" prefetch={false}>
          Clear all
        </Link>
      </div>
    </form>
  );
}

/**
 * A filter of the URL may hold several values (?actor=a&actor=b) or one its select does not list:
 * the select shows the first it can, and the rest are said here, kept on submit, and removable.
 */
function split(values: readonly string[], listed: readonly string[]) {
  const selected = values.find((v) => listed.includes(v)) ?? '';
  return { selected, extra: values.filter((v) => v !== selected) };
}

function AlsoFiltering({
  name,
  values,
  label,
  remove,
}: {
  name: string;
  values: readonly string[];
  label: (value: string) => string;
  remove: (value: string) => string;
}) {
  if (values.length === 0) return null;
  return (
    <p className="hint also-filtering">
      Also:{' '}
      {values.map((value, i) => (
        <span key={value}>
          {i > 0 ? ', ' : null}
          <input type="hidden" name={name} value={value} />
          {label(value)} (
          <Link
            href={remove(value)}
            prefetch={false}
            aria-label={`Stop filtering by ${label(value)}`}
          >
            remove
          </Link>
          )
        </span>
      ))}
    </p>
  );
}
