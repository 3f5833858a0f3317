import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './proxy';

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
