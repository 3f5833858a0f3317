import { describe, expect, it } from 'vitest';
import { describeStore } from './open.js';

describe('describeStore', () => {
  it('masks the password of a PostgreSQL URL and leaves anything else as it is', () => {
    expect(describeStore('postgres://dateline:s3cret@db.example:5432/news')).toBe(
      'postgres://dateline:***@db.example:5432/news',
    );
    expect(describeStore('postgresql://dateline@db.example/news')).toBe(
      'postgresql://dateline@db.example/news',
    );
    expect(describeStore('/var/lib/dateline/events')).toBe('/var/lib/dateline/events');
  });
});
