import { describe, expect, it } from 'vitest';
import {
  compact,
  deriveId,
  inputPath,
  planRecordArticle,
  planRecordFact,
} from './write-commands.js';

describe('write commands', () => {
  it('derives stable, valid ids from text and input', () => {
    const a = deriveId('Trump–Putin call: “historic”', { x: 1 });
    expect(a).toMatch(/^trump-putin-call-historic-[0-9a-f]{8}$/);
    expect(deriveId('Trump–Putin call: “historic”', { x: 1 })).toBe(a);
    expect(deriveId('Trump–Putin call: “historic”', { x: 2 })).not.toBe(a);
    expect(deriveId('¡¿', {})).toMatch(/^[0-9a-f]{8}$/);
    expect(deriveId('a'.repeat(200), {}).length).toBeLessThanOrEqual(80);
  });

  it('drops GraphQL nulls so optional domain fields stay absent', () => {
    expect(compact({ a: null, b: [{ c: null, d: 1 }], e: 'x' })).toEqual({ b: [{ d: 1 }], e: 'x' });
  });

  it('maps domain paths back to input paths', () => {
    const { paths } = planRecordFact({
      articleId: 'a',
      kind: 'call',
      status: 'occurred',
      summary: 's',
      occurred: { earliest: '2025-01-01', latest: '2025-01-01', precision: 'day' },
    });
    expect(inputPath('factId', paths)).toBe('input.id');
    expect(inputPath('evidence.excerpt', paths)).toBe('input.excerpt');
    expect(inputPath('evidence', paths)).toBe('input');
    expect(inputPath('occurred.latest', paths)).toBe('input.occurred.latest');
    expect(inputPath('participants.1.actorId', paths)).toBe('input.participants.1.actorId');
  });

  it('records a digest of the citation when the text hash is not given', () => {
    const plan = planRecordArticle({ headline: 'H', publisher: 'P', publishedAt: '2025-02-17' });
    expect(plan.command.textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.id).toMatch(/^h-[0-9a-f]{8}$/);
  });
});
