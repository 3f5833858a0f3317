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
  if (input.from && !isIsoDate(input.from)) refuse(`${prefix}.from`, 'must be a YYYY-MM-DD date');
  if (input.to && !isIsoDate(input.to)) refuse(`${prefix}.to`, 'must be a YYYY-MM-DD date');
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
