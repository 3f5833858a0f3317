import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, recordOfPath } from './proxy';

describe('the content security policy', () => {
  it('allows scripts only with the nonce in production, never unsafe-inline', () => {
    const policy = contentSecurityPolicy('abc123', false);
    const scripts = policy.split('; ').find((d) => d.startsWith('script-src'));
    expect(scripts).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });
});

describe('the record a path shows', () => {
  it('is the fact, actor or article of a detail page, its id decoded', () => {
    expect(recordOfPath('/facts/paris-summit')).toEqual({ field: 'fact', id: 'paris-summit' });
    expect(recordOfPath('/actors/keir-starmer/')).toEqual({ field: 'actor', id: 'keir-starmer' });
    expect(recordOfPath('/articles/a%20b')).toEqual({ field: 'article', id: 'a b' });
    expect(recordOfPath('/facts/%E0%A4%A')).toBe('malformed');
  });

  it('is nothing for other pages', () => {
    for (const path of ['/', '/facts', '/actors', '/graph', '/log', '/facts/a/b', '/export/csv'])
      expect(recordOfPath(path), path).toBeUndefined();
  });
});
