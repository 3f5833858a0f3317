import { addDays, type FactStatus, labelFor } from '@dateline/domain';
import type { ReadModels, TimelineFact } from '@dateline/projections';
import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { actorName, citationLine, citationsOf, headlineOf } from './describe.js';

/** Facts a calendar follows: what is still to come, and what was to come and is now called off. */
export const CALENDAR_STATUSES: readonly FactStatus[] = ['planned', 'expected', 'cancelled'];

export interface IcsOptions {
  /** The calendar's name (X-WR-CALNAME); "Dateline" by default. */
  name?: string | undefined;
  /** The domain used in UIDs (`<fact id>@<domain>`); "dateline" by default. */
  uidDomain?: string | undefined;
}

function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function statusOf(fact: TimelineFact): ICalEventStatus {
  if (fact.retracted || fact.status === 'cancelled') return ICalEventStatus.CANCELLED;
  return fact.status === 'planned' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE;
}

function descriptionOf(models: ReadModels, fact: TimelineFact): string {
  const lines = [fact.summary, '', `When: ${labelFor(fact.occurred)} (${fact.occurred.precision})`];
  if (fact.occurred.precision !== 'day')
    lines.push(
      `Only known to the ${fact.occurred.precision}: the entry spans ${fact.occurred.earliest} to ${fact.occurred.latest}.`,
    );
  lines.push(`Status: ${fact.retracted ? 'retracted' : fact.status}`);
  if (fact.participants.length > 0)
    lines.push(
      `Who: ${fact.participants.map((p) => `${actorName(models, p.actorId)} (${p.role})`).join(', ')}`,
    );
  const sources = citationsOf(models, fact);
  if (sources.length > 0) {
    lines.push('', 'Sources:');
    for (const c of sources) lines.push(`- ${citationLine(c)}: “${c.excerpt}”`);
  }
  return lines.join('\n');
}

/**
 * An RFC 5545 calendar of the planned and expected facts among those given, as all-day events
 * spanning the fuzzy date (DTEND is the day after `latest`, exclusive as RFC 5545 has it).
 * Cancelled and retracted ones stay in the feed with STATUS:CANCELLED so that subscribed
 * calendars drop them. Every timestamp comes from the log, so the same facts give the same text.
 */
export function toIcs(
  models: ReadModels,
  facts: readonly TimelineFact[],
  options: IcsOptions = {},
): string {
  const calendar = ical({
    // ical-generator writes the calendar's name as given; RFC 5545 TEXT needs \\ ; , and newlines
    // escaped (it does escape SUMMARY and DESCRIPTION itself).
    name: escapeText(calendarText(options.name ?? 'Dateline')),
    prodId: { company: 'dateline', product: 'dateline', language: 'EN' },
  });
  const domain = options.uidDomain ?? 'dateline';
  for (const fact of facts) {
    if (!CALENDAR_STATUSES.includes(fact.status)) continue;
    const url = citationsOf(models, fact).find((c) => c.url)?.url;
    calendar.createEvent({
      id: `${fact.id}@${domain}`,
      allDay: true,
      start: utcDay(fact.occurred.earliest),
      end: utcDay(addDays(fact.occurred.latest, 1)),
      summary: calendarText(`${summaryPrefix(fact)}: ${headlineOf(fact)}`),
      description: calendarText(descriptionOf(models, fact)),
      status: statusOf(fact),
      transparency: ICalEventTransparency.TRANSPARENT,
      categories: [{ name: fact.kind }],
      // SEQUENCE grows with each event in the fact's stream, so calendars take a correction.
      sequence: fact.version - 1,
      stamp: new Date(fact.updatedAt),
      created: new Date(fact.recordedAt),
      lastModified: new Date(fact.updatedAt),
      ...(fact.places.length > 0 ? { location: calendarText(fact.places.join(', ')) } : {}),
      ...(url && URL.canParse(url) ? { url: calendarUri(url) } : {}),
    });
  }
  // RFC 5545 §3.4: the calendar ends with CRLF like every other content line.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

function summaryPrefix(fact: TimelineFact): string {
  if (fact.retracted) return 'Retracted';
  return fact.status === 'planned'
    ? 'Planned'
    : fact.status === 'expected'
      ? 'Expected'
      : 'Cancelled';
}

/**
 * Text a content line can carry (RFC 5545 §3.3.11 allows no control character but HTAB): every
 * line break becomes LF, which the generator writes as \\n, and any other control character a
 * space, so that no value can end a line early or slip a raw control byte into the file.
 */
function calendarText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
}

/**
 * A URL as an RFC 5545 URI value, which takes no escaping. The generator escapes it as TEXT, and a
 * backslash before a comma or semicolon would become part of the link; those three characters are
 * percent-encoded instead (for the query strings they appear in, servers read %2C as a comma).
 */
function calendarUri(url: string): string {
  return new URL(url).href.replace(
    /[\\,;]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** RFC 5545 §3.3.11 TEXT escaping. */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}
