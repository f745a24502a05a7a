import { type AppConfig, ConfigError, loadConfig } from './config/env.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { applyMigrations } from './db/migrate.js';
import { createServices, type Services } from './services.js';
import { createLogger, type Logger } from './shared/logger.js';
import { applyVendorCatalog } from './vendors/apply-vendor-catalog.js';
import { readVendorCatalogFile } from './vendors/vendor-catalog.js';

export type Runtime = {
  config: AppConfig;
  database: DatabaseHandle;
  services: Services;
  logger: Logger;
  close: () => Promise<void>;
};

/** Config, database (migrated), vendor catalog and services: what the app and every CLI stand on. */
export const openRuntime = async (config: AppConfig = loadConfig()): Promise<Runtime> => {
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({
    pgliteDir: config.pgliteDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  try {
    await applyMigrations(database);
    const services = createServices({ db: database.db, timeZone: config.businessTimeZone });
    if (config.vendorCatalogFile) {
      const entries = await readVendorCatalogFile(config.vendorCatalogFile);
      const applied = await applyVendorCatalog({ ...services, now: services.clock() }, entries);
      logger.info(applied, 'vendor catalog applied');
    }
    return { config, database, services, logger, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
};

/**
 * Runs a command-line entry point: a bad configuration or a refused input prints one clear message
 * to stderr and exits non-zero, never a stack trace.
 */
export const runCli = (main: () => Promise<number>): void => {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof CliError) {
        process.stderr.write(`${error.message}\n`);
      } else {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      }
      process.exitCode = error instanceof CliError ? error.exitCode : 1;
    },
  );
};

/** A refusal a CLI explains to the operator in one message. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
