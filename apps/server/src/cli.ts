import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { startDepartmentGateway } from './departments/gateway-main.js';
import { seedProvince } from './departments/province/seed-province.js';
import { exitOnConfigError, start } from './main.js';
import { seedCatalog } from './modules/catalog/index.js';
import { createStaffAccount, ROLES, StaffAccountError } from './modules/staff/index.js';

const USAGE = `usage: node apps/server/dist/cli.js <command>
  start     migrate, seed reference data and serve (what npm start runs)
  migrate   apply pending database migrations
  seed      migrate, then seed reference data (idempotent); with --citizens N [--seed S] also the
            sandbox province: N generated citizens and every sandbox department's records for them
  dept-gateway  serve the sandbox departments over HTTP (signed requests; DEPT_GATEWAY_PORT, DEPT_GATEWAY_KEYS)
  staff-create --username u --name 名字 --role r --department d [--city 440100]
            create a console staff account; prints a one-time password once (changed at first login,
            where the TOTP authenticator is enrolled). Roles: ${Object.keys(ROLES).join(', ')}`;

/** --name value pairs after the command. */
function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

/** One line on stderr, rewritten in place: [#####.....] 45% 450,000/1,000,000 · 12,345/s · ETA 40 s */
function progressBar(started: number) {
  const tty = process.stderr.isTTY;
  let lastPrinted = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - lastPrinted < (tty ? 200 : 5000)) return;
    lastPrinted = now;
    const share = total ? done / total : 1;
    const width = 30;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const line = `[${bar}] ${Math.floor(share * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${Math.round(rate).toLocaleString('en')}/s · ETA ${eta} s`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    if (done >= total && tty) process.stderr.write('\n');
  };
}

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
      const args = process.argv.slice(3);
      const citizens = flag(args, 'citizens');
      const seed = flag(args, 'seed') ?? '1';
      const count = citizens === undefined ? undefined : Number(citizens);
      if (count !== undefined && (!Number.isInteger(count) || count < 0 || count > 10_000_000)) {
        console.error('--citizens must be a whole number between 0 and 10,000,000');
        process.exit(2);
      }
      await withDatabase(async (d) => {
        await migrate(d.db);
        const catalog = await seedCatalog(d.db);
        console.log(`seeded ${catalog.services} services, ${catalog.faqs} FAQs, ${catalog.departments} departments`);
        if (count === undefined) return;
        const started = Date.now();
        const province = await seedProvince(d.db, { count, seed, onProgress: progressBar(started) });
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `seeded the sandbox province (seed ${seed}): ${province.people.toLocaleString('en')} citizens in ${seconds.toFixed(1)} s ` +
            `(${Math.round(province.people / Math.max(seconds, 0.001)).toLocaleString('en')}/s); departments: ${province.departments.join(', ')}`,
        );
      });
      return;
    }
    case 'dept-gateway': {
      const config = loadConfig();
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        pgliteDataDir: `${config.dataDir}/pglite`,
      });
      await migrate(database.db);
      const gateway = await startDepartmentGateway(config, database.db);
      const stop = async () => {
        await gateway.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return;
    }
    default:
      console.error(USAGE);
      process.exit(command ? 2 : 0);
  }
}

main(process.argv[2]).catch(exitOnConfigError);
