import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { migrationsFolder } from '../db/migrate.js';
import { openRuntime, runCli } from '../runtime.js';
import { parseCommandLine } from './command-line.js';

const USAGE = `usage: npm run db:migrate
  Applies the migrations in drizzle/ to DATABASE_URL, or to the embedded database in PGLITE_DIR.`;

/** `postgres user@host:port/name`: where the URL points, without its password or parameters. */
const describePostgres = (databaseUrl: string) => {
  const url = new URL(databaseUrl);
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `postgres ${user}${url.host}${url.pathname}`;
};

const main = async (): Promise<number> => {
  const command = parseCommandLine(process.argv.slice(2), {}, { usage: USAGE });
  if (!command) return 0;

  const runtime = await openRuntime();
  try {
    const { config } = runtime;
    const journal = JSON.parse(await readFile(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    const where = config.databaseUrl
      ? describePostgres(config.databaseUrl)
      : `embedded PGlite at ${resolve(config.pgliteDir)}`;
    const latest = journal.entries.at(-1)?.tag ?? 'none';
    process.stdout.write(`${where}: up to date (${journal.entries.length} migrations, latest ${latest})\n`);
    return 0;
  } finally {
    await runtime.close();
  }
};

runCli(main);
