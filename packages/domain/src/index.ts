export { addDays, isIsoDate, isoTimestampMs, isoWeekday, startOfIsoWeek } from './calendar.js';
export {
  COMMAND_TYPES,
  type Command,
  type CommandOf,
  type CommandType,
  commandSchema,
  parseCommand,
} from './commands.js';
export {
  type CurationFile,
  curationFileSchema,
  type PlannedCommand,
  planCuration,
} from './curation.js';
export {
  type Decision,
  decide,
  evolveWriteModel,
  initialWriteModel,
  type WriteModel,
} from './decide.js';
export { decodeEvent, factRecordedV1Schema } from './decode.js';
export {
  AlreadyExistsError,
  DomainError,
  type DomainErrorCode,
  EventDecodeError,
  type InputIssue,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from './errors.js';
export {
  ACTOR_KINDS,
  type ActorKind,
  type ActorRegistered,
  type ArticleRecorded,
  currentSchemaVersion,
  type DomainEvent,
  type DomainEventOf,
  EVENT_TYPES,
  type EventData,
  type EventType,
  type Evidence,
  eventSchemas,
  FACT_KINDS,
  FACT_STATUSES,
  type FactChanges,
  type FactCorrected,
  type FactCorroborated,
  type FactKind,
  type FactRecorded,
  type FactRetracted,
  type FactStatus,
  type FactsLinked,
  isEventType,
  LINK_RELATIONS,
  type LinkRelation,
  PARTICIPANT_ROLES,
  type Participant,
  type ParticipantRole,
  type Quote,
} from './events.js';
export {
  compareFuzzyDates,
  DATE_PRECISIONS,
  DateExpressionError,
  type DatePrecision,
  type FuzzyDate,
  fuzzyDateSchema,
  isoDateSchema,
  labelFor,
  makeFuzzyDate,
  overlaps,
  precisionProblem,
  resolveDateExpression,
} from './fuzzy-date.js';
export { idSchema, streamIdFor } from './ids.js';
