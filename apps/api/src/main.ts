import { ConfigError, loadConfig } from './config.js';
import { createApp, createLogger } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  const app = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { store: config.store, readOnly: config.writeToken === undefined, url: await app.getUrl() },
    'Dateline API listening; GraphQL at /graphql, health at /healthz',
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : String(error);
  console.error(`dateline-api: ${message}`);
  if (!(error instanceof ConfigError) && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
