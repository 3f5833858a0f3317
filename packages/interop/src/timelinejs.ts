import { type DatePrecision, type FuzzyDate, labelFor } from '@dateline/domain';
import type { ReadModels, TimelineFact } from '@dateline/projections';
import { actorName, citationLine, citationsOf, headlineOf } from './describe.js';
import { escapeHtml } from './html.js';

/** A TimelineJS3 date: fields stop where the fact's knowledge stops (no invented day or month). */
export interface TimelineJsDate {
  year: string;
  month?: string;
  day?: string;
  display_date?: string;
}

export interface TimelineJsEvent {
  start_date: TimelineJsDate;
  end_date?: TimelineJsDate;
  /** The domain's label, which never claims more precision than the date has ("week of 10 Feb 2025"). */
  display_date: string;
  text: { headline: string; text: string };
  group: string;
  unique_id: string;
}

/** The TimelineJS3 JSON format (timeline.knightlab.com/docs/json-format.html). */
export interface TimelineJsDocument {
  title?: { text: { headline: string; text: string }; unique_id: string };
  events: TimelineJsEvent[];
}

export interface TimelineJsOptions {
  /** A title slide; none when absent. */
  title?: { headline: string; text?: string } | undefined;
}

function dateParts(iso: string, precision: 'day' | 'month' | 'year'): TimelineJsDate {
  const year = String(Number(iso.slice(0, 4)));
  if (precision === 'year') return { year };
  const month = String(Number(iso.slice(5, 7)));
  if (precision === 'month') return { year, month };
  return { year, month, day: String(Number(iso.slice(8, 10))) };
}

/**
 * Start and end as TimelineJS reads them. A day, a month or a year is one unit at its own
 * precision, so it has a start only; a weekend, a week or a range has a start and an end day.
 */
export function timelineJsDates(
  date: Pick<FuzzyDate, 'earliest' | 'latest' | 'precision'>,
): Pick<TimelineJsEvent, 'start_date' | 'end_date'> {
  const precision: DatePrecision = date.precision;
  switch (precision) {
    case 'day':
    case 'month':
    case 'year':
      return { start_date: dateParts(date.earliest, precision) };
    case 'weekend':
    case 'week':
    case 'range':
      return {
        start_date: dateParts(date.earliest, 'day'),
        end_date: dateParts(date.latest, 'day'),
      };
    default: {
      const unreachable: never = precision;
      throw new RangeError(`unknown precision ${String(unreachable)}`);
    }
  }
}

/** The slide body: summary, who, quotes and the source citations, every piece of text escaped. */
function slideHtml(models: ReadModels, fact: TimelineFact): string {
  const parts: string[] = [];
  if (fact.retracted)
    parts.push(
      `<p><strong>Retracted:</strong> ${escapeHtml(fact.retraction?.reason ?? 'no reason recorded')}</p>`,
    );
  parts.push(`<p>${escapeHtml(fact.summary)}</p>`);
  parts.push(`<p>${escapeHtml(`${fact.status}, ${labelFor(fact.occurred)}`)}</p>`);
  if (fact.participants.length > 0) {
    const who = fact.participants
      .map((p) => `${actorName(models, p.actorId)} (${p.role})`)
      .join(', ');
    parts.push(`<p>${escapeHtml(who)}</p>`);
  }
  for (const q of fact.quotes) {
    const speaker = q.speakerId !== undefined ? ` — ${actorName(models, q.speakerId)}` : '';
    parts.push(`<blockquote>${escapeHtml(`“${q.text}”${speaker}`)}</blockquote>`);
  }
  const citations = citationsOf(models, fact).map((c) => {
    const line = escapeHtml(`${citationLine(c)}: “${c.excerpt}”`);
    const linked = c.url ? `<a href="${escapeHtml(c.url)}">${line}</a>` : line;
    return `<li>${c.kind === 'corroboration' ? 'Corroborated by ' : ''}${linked}</li>`;
  });
  if (citations.length > 0) parts.push(`<p>Sources:</p><ul>${citations.join('')}</ul>`);
  return parts.join('');
}

/**
 * TimelineJS3 JSON for the facts given (in the order given; TimelineJS sorts by date itself).
 * `group` is the fact's kind, `unique_id` its id.
 */
export function toTimelineJs(
  models: ReadModels,
  facts: readonly TimelineFact[],
  options: TimelineJsOptions = {},
): TimelineJsDocument {
  const events = facts.map(
    (fact): TimelineJsEvent => ({
      ...timelineJsDates(fact.occurred),
      display_date: labelFor(fact.occurred),
      text: {
        headline: escapeHtml(`${fact.retracted ? 'Retracted: ' : ''}${headlineOf(fact)}`),
        text: slideHtml(models, fact),
      },
      group: fact.kind,
      unique_id: fact.id,
    }),
  );
  return {
    ...(options.title
      ? {
          title: {
            text: {
              headline: escapeHtml(options.title.headline),
              text: escapeHtml(options.title.text ?? ''),
            },
            // Underscores never occur in fact ids, so the title cannot collide with a fact.
            unique_id: '_title',
          },
        }
      : {}),
    events,
  };
}
