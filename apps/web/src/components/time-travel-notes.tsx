import { type StoryQuery, toAsOf } from '@/lib/filters';

const PARAMETER_NAMES: Record<StoryQuery['ignored'][number]['parameter'], string> = {
  at: 'log position',
  atTime: 'time',
  reportedBy: 'publication date',
};

/**
 * Time travel the address asked for but the page could not read: said, not silently dropped,
 * with what the page shows instead. The value is set apart (bdi), so that right-to-left or
 * control characters in it cannot turn the sentence around it.
 */
export function IgnoredNote({ query }: { query: StoryQuery }) {
  if (!query.ignored.length) return null;
  return (
    <div className="time-travel-banner time-travel-banner--ignored" role="note">
      {query.ignored.map((i) => (
        <p key={`${i.parameter}-${i.value}`} className="time-travel-banner__text">
          <strong>Not understood:</strong> the {PARAMETER_NAMES[i.parameter]} “<bdi>{i.value}</bdi>”
          in this address ({i.parameter}=…) is ignored; it takes {i.expected}.
        </p>
      ))}
      {toAsOf(query) ? null : <p className="time-travel-banner__text">This is the present.</p>}
    </div>
  );
}
