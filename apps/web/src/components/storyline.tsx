import { FactCard } from '@/components/fact-card';
import { FuzzyDate } from '@/components/fuzzy-date';
import { groupByDate } from '@/lib/dates';
import type { CardFact } from '@/lib/facts';
import type { FactChange } from '@/lib/time-travel';
import { precisionLabel } from '@/lib/vocabulary';

interface Props {
  facts: readonly CardFact[];
  changes?: ReadonlyMap<string, FactChange>;
  /** Level of the date headings; cards sit one level below. */
  level?: 2 | 3;
  /** In a time-travel view: its query, kept by the cards' links (see FactCard). */
  travel?: string;
}

/** A vertical timeline: one section per date span, in the API's chronological order. */
export function Storyline({ facts, changes, level = 2, travel }: Props) {
  const Heading = `h${level}` as const;
  const cardLevel = (level + 1) as 3 | 4;
  return (
    <ol className="timeline">
      {groupByDate(facts).map((group) => (
        <li
          key={group.key}
          className={`timeline__day timeline__day--${group.span.precision.toLowerCase()}`}
          data-earliest={group.span.earliest}
        >
          <section aria-labelledby={`day-${group.key}`}>
            <Heading id={`day-${group.key}`} className="timeline__date">
              <FuzzyDate span={group.span} long />
              {group.span.precision !== 'DAY' ? (
                <span className="timeline__precision">
                  {` · ${precisionLabel(group.span.precision)}`}
                </span>
              ) : null}
            </Heading>
            <ul className="timeline__cards">
              {group.items.map((fact) => (
                <li key={fact.id}>
                  <FactCard
                    fact={fact}
                    level={cardLevel}
                    change={changes?.get(fact.id)}
                    travel={travel}
                  />
                </li>
              ))}
            </ul>
          </section>
        </li>
      ))}
    </ol>
  );
}
