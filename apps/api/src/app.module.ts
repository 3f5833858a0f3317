import { existsSync, readdirSync } from 'node:fs';
import type { Envelope, EventStore } from '@dateline/event-store';
import { openEventStore, segmentsDirectoryHint } from '@dateline/event-store/open';
import { createPreload, type Preload, SNAPSHOT_SUFFIX } from '@dateline/projections';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { ChangeFeedService } from './change-feed.service.js';
import type { ApiConfig } from './config.js';
import { ApiExceptionFilter } from './graphql/errors.js';
import { graphqlOptions } from './graphql/options.js';
import { ExportController } from './http/export.controller.js';
import { HealthController } from './http/health.controller.js';
import { LifecycleService } from './lifecycle.service.js';
import { ReadModelsService } from './read-models.service.js';
import { resolvers } from './resolvers/index.js';
import { API_CONFIG, EVENT_STORE, PRELOAD } from './tokens.js';
import { WriteService } from './write.service.js';
import { WriteTokenGuard } from './write-token.guard.js';

/** Opens the configured store; `onLoad`, when given, receives the events a file store reads on open. */
export type StoreOpener = (
  config: ApiConfig,
  onLoad?: (events: Envelope[]) => void,
) => Promise<EventStore>;

/** Opens DATELINE_STORE: the writer's lock when a write token is set, read-only otherwise. */
export async function openConfiguredStore(
  config: ApiConfig,
  onLoad?: (events: Envelope[]) => void,
): Promise<EventStore> {
  if (!/^postgres(ql)?:\/\//.test(config.store) && !existsSync(config.store)) {
    // A typo must not silently start a new, empty log.
    throw new Error(
      `DATELINE_STORE ${config.store} does not exist; point it at the log directory (an empty directory is an empty log)`,
    );
  }
  // Nor must the log's own segments/ directory, given by mistake.
  const hint = segmentsDirectoryHint(config.store);
  if (hint) throw new Error(`DATELINE_STORE ${hint}`);
  const logger = new Logger('EventStore');
  return openEventStore(config.store, {
    tool: 'dateline-api',
    // Without a write token nothing is written: leave the lock to a writer (the CLI).
    readOnly: config.writeToken === undefined,
    // Read-only, it follows what the writer (say, `dateline import`) appends, live.
    follow: config.writeToken === undefined,
    log: (message, details) => logger.warn({ ...details, msg: message }),
    ...(onLoad ? { onLoad } : {}),
  });
}

/**
 * The read models fold the log while the store reads it on open (one pass instead of two), unless
 * there are snapshots to start from: then the open only checks the chain and the runner folds the
 * tail after the snapshots.
 */
function preloadFor(config: ApiConfig): Preload | null {
  const dir = config.snapshotDir;
  const hasSnapshots =
    dir !== undefined &&
    existsSync(dir) &&
    readdirSync(dir).some((name) => name.endsWith(SNAPSHOT_SUFFIX));
  return hasSnapshots ? null : createPreload();
}

/** Everything the API is made of, for one validated configuration. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with forRoot
export class AppModule {
  static forRoot(config: ApiConfig, openStore: StoreOpener = openConfiguredStore): DynamicModule {
    return {
      module: AppModule,
      imports: [GraphQLModule.forRoot<MercuriusDriverConfig>(graphqlOptions())],
      controllers: [HealthController, ExportController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: PRELOAD, useFactory: () => preloadFor(config) },
        {
          provide: EVENT_STORE,
          useFactory: (preload: Preload | null) => openStore(config, preload?.feed),
          inject: [PRELOAD],
        },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        ReadModelsService,
        WriteService,
        ChangeFeedService,
        WriteTokenGuard,
        LifecycleService,
        ...resolvers,
      ],
    };
  }
}
