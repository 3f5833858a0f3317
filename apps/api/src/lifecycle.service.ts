import type { EventStore } from '@dateline/event-store';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ChangeFeedService } from './change-feed.service.js';
import type { ApiConfig } from './config.js';
import { ReadModelsService } from './read-models.service.js';
import { API_CONFIG, EVENT_STORE } from './tokens.js';

/**
 * Starts following the log once the app is up, and on shutdown stops in the one safe order:
 * subscriptions, then the projection runner (saving snapshots), then the store, whose lock goes.
 */
@Injectable()
export class LifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly reads: ReadModelsService,
    private readonly feed: ChangeFeedService,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the service answers (and /healthz says 503) while the read models catch up.
    this.reads.start().catch((error: unknown) => {
      this.logger.error({ msg: 'the read models could not catch up', error: String(error) });
    });
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ msg: 'shutting down', signal });
    this.feed.closeAll();
    await this.reads.stop(this.config.snapshotDir !== undefined);
    await this.store.close();
    this.logger.log({ msg: 'event store closed' });
  }
}
