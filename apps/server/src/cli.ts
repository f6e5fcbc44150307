import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { exitOnConfigError, start } from './main.js';
import { seedCatalog } from './modules/catalog/index.js';

const USAGE = `usage: node apps/server/dist/cli.js <command>
  start     migrate, seed reference data and serve (what npm start runs)
  migrate   apply pending database migrations
  seed      migrate, then seed reference data (idempotent)`;

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: `${config.dataDir}/pglite` });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function main(command: string | undefined) {
  switch (command) {
    case 'start':
      await start();
      return;
    case 'migrate': {
      const applied = await withDatabase((d) => migrate(d.db));
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return;
    }
    case 'seed': {
      const result = await withDatabase(async (d) => {
        await migrate(d.db);
        return seedCatalog(d.db);
      });
      console.log(`seeded ${result.services} services, ${result.faqs} FAQs, ${result.departments} departments`);
      return;
    }
    default:
      console.error(USAGE);
      process.exit(command ? 2 : 0);
  }
}

main(process.argv[2]).catch(exitOnConfigError);
