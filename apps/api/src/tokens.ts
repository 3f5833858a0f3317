/**
 * DI tokens for values that are not classes: the validated config, the opened event store, and the
 * fold the store feeds while it opens (null when the read models start from snapshots instead).
 */
export const API_CONFIG = Symbol('ApiConfig');
export const EVENT_STORE = Symbol('EventStore');
export const PRELOAD = Symbol('Preload');
