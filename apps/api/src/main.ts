import { describeStore } from '@dateline/event-store/open';
import { ConfigError, loadConfig } from './config.js';
import { createApp, createLogger } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  const app = await createApp(config, logger);
  // Graceful shutdown: stop taking requests, end subscriptions, stop the runner (saving
  // snapshots), close the store so its lock is released, then exit 0. (Nest's own
  // enableShutdownHooks would re-raise the signal, so the exit status would read "killed".)
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await app.listen({ port: config.port, host: config.host });
  logger.info(
    {
      store: describeStore(config.store),
      readOnly: config.writeToken === undefined,
      url: await app.getUrl(),
    },
    'Dateline API listening; GraphQL at /graphql, health at /healthz',
  );
  // Whoever started the service waits for that line: do not keep it in the log's buffer.
  logger.flush();
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : String(error);
  console.error(`dateline-api: ${message}`);
  if (!(error instanceof ConfigError) && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
