export {
  canonicalJson,
  canonicalParts,
  computeHash,
  type Envelope,
  type EnvelopeHeader,
  type EventMetadata,
  envelopeLine,
  envelopeLineBytes,
  GENESIS_HASH,
  hashEnvelope,
  type NewEvent,
  sealEnvelope,
  sha256Hex,
  verifiedLineHash,
} from './envelope.js';
export {
  ConcurrencyError,
  CorruptLogError,
  DuplicateEventError,
  InvalidAppendError,
  StoreClosedError,
  StoreFailedError,
  StoreLockedError,
  StoreUnavailableError,
} from './errors.js';
export { MAX_EVENTS_PER_APPEND } from './log-core.js';
export type {
  AppendRequest,
  EventStore,
  ExpectedVersion,
  LogHead,
  ReadAllOptions,
  SubscribeOptions,
} from './port.js';
