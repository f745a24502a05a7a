import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { createServices, type Services } from '../../src/services.js';
import { databaseTargets } from '../support/test-database.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

export type CommandResult = { code: number | null; stdout: string; stderr: string };

/** A test database a command-line tool can be run against, with services for the test's own reads and writes. */
export type CliDatabase = {
  label: string;
  services: () => Promise<Services>;
  /** Runs `src/cli/<script>` as the operator would, against this database. */
  run: (script: string, args: string[]) => Promise<CommandResult>;
  close: () => Promise<void>;
};

// Variables from the developer's shell that would point a child at another database or at Slack.
const inheritedButNotWanted = [
  'DATABASE_URL',
  'PGLITE_DIR',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'VENDOR_CATALOG_FILE',
  'BUSINESS_TIMEZONE',
  'LOG_LEVEL',
];

/** Runs a command-line tool in a child process, as `npm run` would but without npm's banner on stdout. */
export const runCommand = (
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandResult> => {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of inheritedButNotWanted) delete childEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join('src', 'cli', script), ...args], {
      cwd: repoRoot,
      env: { ...childEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      stdout += data;
    });
    child.stderr.setEncoding('utf8').on('data', (data: string) => {
      stderr += data;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
};

/**
 * PGlite is single-process: a data folder cannot be open in the test and in a child at once, so the test's
 * handle is closed while a command runs and opened again when the test next asks for it. (The shared test
 * database deletes its folder on close, hence a folder of our own here.)
 */
const openPgliteForCli = async (): Promise<CliDatabase> => {
  const template = process.env.PGLITE_TEMPLATE_DIR;
  const dir = mkdtempSync(join(tmpdir(), 'offboarding-cli-'));
  let open: { handle: DatabaseHandle; services: Services } | null = null;
  const closeHandle = async () => {
    await open?.handle.close();
    open = null;
  };
  if (template && existsSync(template)) {
    cpSync(template, dir, { recursive: true });
  } else {
    const fresh = await openDatabase({ pgliteDir: dir });
    await applyMigrations(fresh);
    await fresh.close();
  }
  return {
    label: 'pglite',
    services: async () => {
      if (!open) {
        const handle = await openDatabase({ pgliteDir: dir });
        open = { handle, services: createServices({ db: handle.db, timeZone: 'UTC' }) };
      }
      return open.services;
    },
    run: async (script, args) => {
      await closeHandle();
      return runCommand(script, args, { PGLITE_DIR: dir });
    },
    close: async () => {
      await closeHandle();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** The databases the command-line suites run against: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export const cliDatabaseTargets = (): { label: string; open: () => Promise<CliDatabase> }[] =>
  databaseTargets().map((target) =>
    target.label === 'pglite'
      ? { label: 'pglite', open: openPgliteForCli }
      : {
          label: target.label,
          open: async () => {
            const database = await target.open();
            const services = createServices({ db: database.db, timeZone: 'UTC' });
            return {
              label: target.label,
              services: async () => services,
              run: (script, args) => runCommand(script, args, database.env),
              close: database.close,
            };
          },
        },
  );

/** Runs a command called the wrong way, with nowhere a database could be opened: it must not try. */
export const runWithBadArguments = (script: string, args: string[]) =>
  runCommand(script, args, { PGLITE_DIR: '/dev/null/pglite' });

/** A usage error: exit 2, the problem and the usage on stderr, nothing on stdout. */
export const expectUsageError = (result: CommandResult, problem: RegExp | string, usageLine: string) => {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
  expect(result.stderr).toMatch(problem);
  expect(result.stderr).toContain(usageLine);
};
