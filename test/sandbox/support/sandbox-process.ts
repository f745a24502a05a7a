import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A port nobody listens on right now: the OS picks one for a throwaway server. */
export const findFreePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });

export type SandboxProcess = {
  url: string;
  /** `performance.now()` just before the process was spawned. */
  spawnedAt: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves once GET /healthz answers 200; rejects if the process exits first or `timeoutMs` passes. */
  healthy: (timeoutMs: number) => Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL) and removes its database directory. */
  stop: () => Promise<void>;
};

/**
 * Starts `src/main.ts` as `npm start` would on a fresh clone: by default no Slack token and no DATABASE_URL, so
 * the sandbox on embedded PGlite in a new temporary directory, on a free port. `env` adds variables (HTTP mode),
 * `args` passes arguments (`--reset`), `dataDir` reuses a database folder (it is then not removed on stop).
 */
export const startSandboxProcess = async (
  options: { env?: Record<string, string>; args?: string[]; dataDir?: string } = {},
): Promise<SandboxProcess> => {
  const port = await findFreePort();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sandbox-browser-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: join(dataDir, 'pglite') };
  // Whatever the developer's shell exports must not turn the sandbox into a Slack or PostgreSQL run.
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DATABASE_URL'])
    delete env[name];
  Object.assign(env, options.env ?? {});

  const chunks: string[] = [];
  const spawnedAt = performance.now();
  // Own process group: tsx runs the app in a child of its own, and both must go when the test ends.
  const child: ChildProcess = spawn(
    join(repositoryRoot, 'node_modules/.bin/tsx'),
    ['src/main.ts', ...(options.args ?? [])],
    {
      cwd: repositoryRoot,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
    if (child.pid === undefined) return false;
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  // A worker that dies mid-run must not leave the app listening.
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  const output = () => chunks.join('');

  const healthy = async (timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the app exited before it was healthy:\n${output()}`);
      try {
        const response = await fetch(`${url}/healthz`);
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`GET /healthz did not answer 200 within ${timeoutMs} ms:\n${output()}`);
  };

  const stop = async () => {
    process.off('exit', killOnExit);
    signalGroup('SIGTERM');
    // The app closes its server and database on SIGTERM; give it a few seconds before forcing it.
    const deadline = performance.now() + 5000;
    while (signalGroup(0) && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    if (signalGroup('SIGKILL')) await exited;
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  return { url, spawnedAt, output, healthy, stop };
};
