import { isIsoDate } from '@dateline/domain';
import type { InteractionFilter, TimelineFilter } from '@dateline/projections';
import { ApiError } from '../graphql/errors.js';
import type { InteractionFilterInput, TimelineFilterInput } from '../inputs/query.input.js';
import { compact } from '../write-commands.js';

const MAX_LIST = 100;
const MAX_TEXT = 200;

function refuse(path: string, message: string): never {
  throw new ApiError('BAD_USER_INPUT', `${path} ${message}`, { issues: [{ path, message }] });
}

function checkLists(input: object, prefix: string): void {
  for (const [key, value] of Object.entries(input)) {
    if (Array.isArray(value) && value.length > MAX_LIST)
      refuse(`${prefix}.${key}`, `may list at most ${MAX_LIST} values`);
  }
}

/** Validates a timeline filter the read models cannot judge (dates, sizes). */
export function toTimelineFilter(
  input: TimelineFilterInput | null | undefined,
  prefix = 'filter',
): TimelineFilter {
  if (!input) return {};
  checkLists(input, prefix);
  // An empty string is refused too: read as a date, it would match nothing and say nothing.
  for (const key of ['from', 'to'] as const) {
    const date = input[key];
    if (date !== undefined && date !== null && !isIsoDate(date))
      refuse(`${prefix}.${key}`, 'must be a YYYY-MM-DD date');
  }
  // A window that ends before it begins matches nothing: most likely the two were swapped.
  if (input.from && input.to && input.from > input.to)
    refuse(`${prefix}.to`, `(${input.to}) is before from (${input.from}); swap them`);
  if (input.text && input.text.length > MAX_TEXT)
    refuse(`${prefix}.text`, `must be at most ${MAX_TEXT} characters`);
  return compact(input) as TimelineFilter;
}

export function toInteractionFilter(
  input: InteractionFilterInput | null | undefined,
): InteractionFilter {
  if (!input) return {};
  checkLists(input, 'filter');
  return compact(input) as InteractionFilter;
}
