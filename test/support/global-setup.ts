import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';

// Pays PGlite's initdb and the migrations once per run; each test file copies the result (about 0.4 s).
export default async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'offboarding-template-'));
  const handle = await openDatabase({ pgliteDir: dir });
  await applyMigrations(handle);
  await handle.close();
  process.env.PGLITE_TEMPLATE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
