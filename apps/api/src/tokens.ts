/** DI tokens for values that are not classes: the validated config and the opened event store. */
export const API_CONFIG = Symbol('ApiConfig');
export const EVENT_STORE = Symbol('EventStore');
