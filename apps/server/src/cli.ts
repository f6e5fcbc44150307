import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { exitOnConfigError, start } from './main.js';
import { seedCatalog } from './modules/catalog/index.js';
import { createStaffAccount, ROLES, StaffAccountError } from './modules/staff/index.js';

const USAGE = `usage: node apps/server/dist/cli.js <command>
  start     migrate, seed reference data and serve (what npm start runs)
  migrate   apply pending database migrations
  seed      migrate, then seed reference data (idempotent)
  staff-create --username u --name 名字 --role r --department d [--city 440100]
            create a console staff account; prints a one-time password once (changed at first login,
            where the TOTP authenticator is enrolled). Roles: ${Object.keys(ROLES).join(', ')}`;

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: `${config.dataDir}/pglite` });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** `staff-create`: the only way to make a staff account outside demo mode (no default accounts). */
async function staffCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string' },
      city: { type: 'string' },
    },
    strict: true,
  });
  if (!values.username || !values.name || !values.role || !values.department) {
    console.error(USAGE);
    process.exit(2);
  }
  const input = {
    username: values.username,
    displayName: values.name,
    grants: [{ role: values.role, departmentId: values.department, cityCode: values.city ?? null }],
  };
  try {
    const created = await withDatabase(async (d) => {
      await migrate(d.db);
      // grants reference the departments: make sure the reference data is there
      await seedCatalog(d.db);
      return createStaffAccount(d.db, input);
    });
    console.log(`created staff account ${created.username}`);
    console.log(`one-time password (shown once; changed at first login): ${created.password}`);
  } catch (err) {
    if (err instanceof StaffAccountError) {
      console.error(`staff-create: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

async function main(command: string | undefined) {
  switch (command) {
    case 'staff-create':
      await staffCreate(process.argv.slice(3));
      return;
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
