import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/pglite-lock.js';
import { DataKeyError } from './modules/privacy/index.js';

/** Start the platform: validate config, migrate + seed, serve; stop cleanly on SIGTERM/SIGINT. */
export async function start(config: Config = loadConfig()) {
  const app = await buildApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Finish in-flight requests, then close the database; give up after 10 s rather than hang.
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(`粤省事 is serving at ${address.replace(/0\.0\.0\.0|\[::\]/, 'localhost')}`);
  return app;
}

export function exitOnConfigError(err: unknown): never {
  // Problems an operator fixes (configuration, a data folder in use): the message alone, no stack.
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof DataKeyError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  start().catch(exitOnConfigError);
}
