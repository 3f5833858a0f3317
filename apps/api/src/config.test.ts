import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_STORE, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to a read-only service on 127.0.0.1:4000 over the repository log', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      store: DEFAULT_STORE,
      writeToken: undefined,
      snapshotDir: undefined,
      logLevel: 'info',
      rateLimitPerMinute: 600,
      rateLimitAllow: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
      corsOrigins: '*',
    });
    expect(DEFAULT_STORE).toMatch(/\/events$/);
    expect(DEFAULT_STORE).not.toMatch(/apps\/api/);
  });

  it('reads every variable, treating empty strings as unset', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '0.0.0.0',
        DATELINE_STORE: '/tmp/log',
        DATELINE_WRITE_TOKEN: 'x'.repeat(32),
        DATELINE_SNAPSHOT_DIR: '',
        LOG_LEVEL: 'warn',
      }),
    ).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      store: '/tmp/log',
      writeToken: 'x'.repeat(32),
      snapshotDir: undefined,
      logLevel: 'warn',
    });
  });

  it('refuses bad values with one message naming each', () => {
    expect(() => loadConfig({ PORT: 'http', DATELINE_WRITE_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'http', DATELINE_WRITE_TOKEN: 'short' })).toThrow(
      /PORT: .*; DATELINE_WRITE_TOKEN: must be at least 16 characters/,
    );
  });

  it('reads DATELINE_CORS_ORIGINS as *, none or a list of origins, and names a bad origin', () => {
    expect(loadConfig({ DATELINE_CORS_ORIGINS: 'none' }).corsOrigins).toBe('none');
    expect(
      loadConfig({
        DATELINE_CORS_ORIGINS: 'https://desk.example.org, http://localhost:8888',
      }).corsOrigins,
    ).toEqual(['https://desk.example.org', 'http://localhost:8888']);
    for (const bad of ['https://desk.example.org/', 'desk.example.org', 'ftp://x.org', ' , '])
      expect(() => loadConfig({ DATELINE_CORS_ORIGINS: bad })).toThrow(
        /DATELINE_CORS_ORIGINS: .*(not an origin|comma-separated list)/,
      );
  });
});
