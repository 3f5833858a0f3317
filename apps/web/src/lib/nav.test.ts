import { describe, expect, it } from 'vitest';
import { currentness } from './nav';

describe('currentness', () => {
  it('marks the page itself, its section, and nothing else', () => {
    expect(currentness('/log', '/log')).toBe('page');
    expect(currentness('/actors', '/actors/keir-starmer')).toBe('true');
    expect(currentness('/', '/')).toBe('page');
    expect(currentness('/', '/actors')).toBeUndefined();
    expect(currentness('/actors', '/actorsx')).toBeUndefined();
    expect(currentness('/articles', '/actors/keir-starmer')).toBeUndefined();
  });
});
