import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';

/** One type for both drivers, so repositories and use cases never know which one runs. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything a repository can query through: the database or an open transaction. */
export type Queryable = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
};

export type DatabaseTarget = { databaseUrl?: string; pgliteDir: string };

/** PostgreSQL through postgres.js when a URL is given, else embedded PGlite in a data folder. */
export const openDatabase = async (target: DatabaseTarget): Promise<DatabaseHandle> => {
  if (target.databaseUrl) {
    const client = postgres(target.databaseUrl, { max: 10, onnotice: () => {} });
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Database,
      kind: 'postgres',
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (target.pgliteDir !== 'memory://') mkdirSync(target.pgliteDir, { recursive: true });
  const client = await PGlite.create(target.pgliteDir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: 'pglite',
    close: () => client.close(),
  };
};

/** Resolves when the database answers a trivial query within `timeoutMs`; rejects otherwise. */
export const pingDatabase = async (db: Database, timeoutMs = 2000): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('database did not answer in time')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};
