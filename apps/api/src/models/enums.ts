import {
  ACTOR_KINDS,
  DATE_PRECISIONS,
  FACT_KINDS,
  FACT_STATUSES,
  LINK_RELATIONS,
  PARTICIPANT_ROLES,
} from '@dateline/domain';
import { registerEnumType } from '@nestjs/graphql';

/**
 * GraphQL enums in SCREAMING_CASE whose internal values are the domain's own strings, so that
 * resolvers pass read-model values through and arguments arrive ready for the domain.
 */
function screaming<const T extends string>(values: readonly T[]): Record<Uppercase<T>, T> {
  return Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as Record<Uppercase<T>, T>;
}

export const FactKindEnum = screaming(FACT_KINDS);
export const FactStatusEnum = screaming(FACT_STATUSES);
export const DatePrecisionEnum = screaming(DATE_PRECISIONS);
export const ActorKindEnum = screaming(ACTOR_KINDS);
export const ParticipantRoleEnum = screaming(PARTICIPANT_ROLES);
export const LinkRelationEnum = screaming(LINK_RELATIONS);
export const InteractionKindEnum = screaming([
  ...FACT_KINDS,
  'addressed',
  'discussed',
  'excluded',
] as const);
export const CitationKindEnum = screaming(['source', 'corroboration'] as const);
export const ArticleCitationKindEnum = screaming([
  'source',
  'corroboration',
  'link',
  'correction',
] as const);
export const LinkDirectionEnum = screaming(['outgoing', 'incoming'] as const);
export const InteractionOrderEnum = screaming(['id', 'facts'] as const);

registerEnumType(FactKindEnum, { name: 'FactKind', description: 'What sort of fact it is.' });
registerEnumType(FactStatusEnum, {
  name: 'FactStatus',
  description: 'Whether it happened, is happening, is planned or expected, or was cancelled.',
});
registerEnumType(DatePrecisionEnum, {
  name: 'DatePrecision',
  description:
    'How precise a fuzzy date really is: a WEEK is a Monday-to-Sunday span, never a day.',
});
registerEnumType(ActorKindEnum, { name: 'ActorKind' });
registerEnumType(ParticipantRoleEnum, { name: 'ParticipantRole' });
registerEnumType(LinkRelationEnum, { name: 'LinkRelation' });
registerEnumType(InteractionKindEnum, {
  name: 'InteractionKind',
  description:
    'A fact kind (both took part), ADDRESSED (one spoke or wrote to the other), DISCUSSED (one spoke about the other) or EXCLUDED (the other was left out).',
});
registerEnumType(CitationKindEnum, { name: 'CitationKind' });
registerEnumType(ArticleCitationKindEnum, { name: 'ArticleCitationKind' });
registerEnumType(LinkDirectionEnum, {
  name: 'LinkDirection',
  description:
    'OUTGOING: this fact relates to the other (this LED_TO that); INCOMING: the reverse.',
});
registerEnumType(InteractionOrderEnum, {
  name: 'InteractionOrder',
  description: 'ID: by edge id. FACTS: the edges resting on the most facts first, then by id.',
});
