import { rmSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/env.js';
import { openRuntime } from './runtime.js';
import { startSandbox } from './sandbox/sandbox.js';
import { startOffboardingApp } from './slack/slack-app.js';

/** `npm start`: Slack when SLACK_BOT_TOKEN is set (Socket Mode with SLACK_APP_TOKEN), else the local sandbox. */
const main = async () => {
  const config = loadConfig();
  if (process.argv.includes('--reset')) {
    // Only the sandbox's own embedded database is ever wiped.
    if (config.slack.kind !== 'sandbox' || config.databaseUrl) {
      throw new ConfigError([
        "--reset only resets the sandbox's embedded database (no SLACK_BOT_TOKEN, no DATABASE_URL)",
      ]);
    }
    rmSync(config.pgliteDir, { recursive: true, force: true });
    process.stderr.write(`Sandbox reset: removed ${config.pgliteDir}\n`);
  }
  const runtime = await openRuntime(config);
  const { services, logger } = runtime;

  const running =
    config.slack.kind === 'sandbox'
      ? await startSandbox({ runtime })
      : await startOffboardingApp({
          services,
          logger,
          port: config.port,
          slack: config.slack,
          ...(config.offboardingApiToken ? { offboardingApiToken: config.offboardingApiToken } : {}),
        });
  if (config.slack.kind !== 'sandbox') {
    logger.info(
      { port: running.port, mode: config.slack.kind, database: runtime.database.kind },
      config.slack.kind === 'socket'
        ? 'connected to Slack in Socket Mode'
        : `listening for Slack on ${running.url}/slack/events`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await running.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: one clear message, no stack trace.
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
