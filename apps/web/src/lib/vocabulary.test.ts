import { describe, expect, it } from 'vitest';
import { interactionsHeading } from './vocabulary';

describe('interactionsHeading', () => {
  it('says when the table holds every interaction, and when only the strongest', () => {
    expect(interactionsHeading(12, 12)).toBe('Every interaction (12)');
    expect(interactionsHeading(100, 141875)).toBe('The 100 strongest of 141,875 interactions');
  });
});
