import Link from 'next/link';
import { PositionSlider } from '@/components/position-slider';
import type { FilterOptionsQuery } from '@/gql/graphql';
import { countryName } from '@/lib/countries';
import type { CardFact } from '@/lib/facts';
import { actorChoices, isTimeTravel, type StoryQuery, topicChoices } from '@/lib/filters';
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

  return (
    <form method="get" action="/" className="filters" aria-labelledby="filters-title">
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
            defaultValue={query.actors[0] ?? ''}
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
        </div>
        <div className="field">
          <label htmlFor="f-country">Country</label>
          <select id="f-country" name="country" defaultValue={query.countries[0] ?? ''}>
            <option value="">Any</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {countryName(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">Kind</label>
          <select id="f-kind" name="kind" defaultValue={query.kinds[0]?.toLowerCase() ?? ''}>
            <option value="">Any kind</option>
            {FACT_KINDS.map((k) => (
              <option key={k} value={k.toLowerCase()}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" name="status" defaultValue={query.statuses[0]?.toLowerCase() ?? ''}>
            <option value="">Any status</option>
            {FACT_STATUSES.map((s) => (
              <option key={s} value={s.toLowerCase()}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-topic">Topic</label>
          <select id="f-topic" name="topic" defaultValue={query.topics[0] ?? ''}>
            <option value="">Any topic</option>
            {topics.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
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
              min={1}
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
              step={1}
              defaultValue={query.atTime ? query.atTime.slice(0, 19) : ''}
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
