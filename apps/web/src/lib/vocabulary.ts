import type {
  ActorKind,
  DatePrecision,
  FactKind,
  FactStatus,
  InteractionKind,
  ParticipantRole,
} from '@/gql/graphql';

/** Runtime lists of the API's enums, checked against the generated types in both directions. */
type Exactly<T, U extends readonly T[]> = Exclude<T, U[number]> extends never ? U : never;

export const FACT_KINDS = [
  'CALL',
  'MEETING',
  'SUMMIT',
  'TALKS',
  'VISIT',
  'STATEMENT',
  'ANNOUNCEMENT',
  'PLEDGE',
  'DECISION',
  'DOCUMENT',
  'REPORT',
  'BACKGROUND',
] as const satisfies readonly FactKind[];
export const FACT_KIND_LIST: Exactly<FactKind, typeof FACT_KINDS> = FACT_KINDS;

export const FACT_STATUSES = [
  'OCCURRED',
  'ONGOING',
  'PLANNED',
  'EXPECTED',
  'CANCELLED',
] as const satisfies readonly FactStatus[];
export const FACT_STATUS_LIST: Exactly<FactStatus, typeof FACT_STATUSES> = FACT_STATUSES;

const KIND_LABELS: Record<FactKind, string> = {
  CALL: 'Call',
  MEETING: 'Meeting',
  SUMMIT: 'Summit',
  TALKS: 'Talks',
  VISIT: 'Visit',
  STATEMENT: 'Statement',
  ANNOUNCEMENT: 'Announcement',
  PLEDGE: 'Pledge',
  DECISION: 'Decision',
  DOCUMENT: 'Document',
  REPORT: 'Report',
  BACKGROUND: 'Background',
};

const STATUS_LABELS: Record<FactStatus, string> = {
  OCCURRED: 'Happened',
  ONGOING: 'Ongoing',
  PLANNED: 'Planned',
  EXPECTED: 'Expected',
  CANCELLED: 'Cancelled',
};

const ROLE_LABELS: Record<ParticipantRole, string> = {
  INITIATOR: 'initiator',
  RECIPIENT: 'recipient',
  HOST: 'host',
  ATTENDEE: 'attendee',
  SPEAKER: 'speaker',
  AUTHOR: 'author',
  ADDRESSEE: 'addressee',
  SUBJECT: 'subject',
  EXCLUDED: 'left out',
  PUBLISHER: 'publisher',
};

const ACTOR_KIND_LABELS: Record<ActorKind, string> = {
  PERSON: 'Person',
  GOVERNMENT: 'Government',
  ORGANISATION: 'Organisation',
  STATE: 'State',
  GROUP: 'Group',
  ANONYMOUS_SOURCE: 'Anonymous source',
};

const PRECISION_LABELS: Record<DatePrecision, string> = {
  DAY: 'known to the day',
  WEEKEND: 'known only to the weekend',
  WEEK: 'known only to the week',
  MONTH: 'known only to the month',
  YEAR: 'known only to the year',
  RANGE: 'somewhere in this span',
};

export const kindLabel = (kind: FactKind): string => KIND_LABELS[kind];
export const statusLabel = (status: FactStatus): string => STATUS_LABELS[status];
export const roleLabel = (role: ParticipantRole): string => ROLE_LABELS[role];
export const actorKindLabel = (kind: ActorKind): string => ACTOR_KIND_LABELS[kind];
export const precisionLabel = (precision: DatePrecision): string => PRECISION_LABELS[precision];

/** Planned, expected and cancelled items did not (or not yet) happen: they are drawn differently. */
export function isUnrealised(status: FactStatus): boolean {
  switch (status) {
    case 'OCCURRED':
    case 'ONGOING':
      return false;
    case 'PLANNED':
    case 'EXPECTED':
    case 'CANCELLED':
      return true;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** How two actors met: "summit", "addressed", "left out". */
export function interactionLabel(kind: InteractionKind): string {
  switch (kind) {
    case 'ADDRESSED':
      return 'addressed';
    case 'DISCUSSED':
      return 'discussed';
    case 'EXCLUDED':
      return 'left out';
    default:
      return kindLabel(kind).toLowerCase();
  }
}

/** The heading of the network's table: every interaction, or the strongest shown of how many. */
export function interactionsHeading(shown: number, total: number): string {
  return total > shown
    ? `The ${shown} strongest of ${total.toLocaleString('en-GB')} interactions`
    : `Every interaction (${shown})`;
}
