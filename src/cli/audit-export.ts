import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type AuditExportFormat,
  auditExportFormats,
  formatAuditExport,
  startOfDayIn,
} from '../audit/audit-export.js';
import { openRuntime, runCli } from '../runtime.js';
import { parseCommandLine, usageError } from './command-line.js';

const USAGE = `usage: npm run -s audit:export -- --format json|csv [--since YYYY-MM-DD]
  Writes every audit event, oldest first, to stdout: JSON (one object per line) or CSV.
  --since: only events from the start of that day in BUSINESS_TIMEZONE (UTC unless set).`;

const isFormat = (value: string): value is AuditExportFormat =>
  (auditExportFormats as readonly string[]).includes(value);

const main = async (): Promise<number> => {
  const command = parseCommandLine(
    process.argv.slice(2),
    { format: { type: 'string' }, since: { type: 'string' } },
    { usage: USAGE },
  );
  if (!command) return 0;
  const { format, since } = command.values;
  if (!format) throw usageError('--format is required', USAGE);
  if (!isFormat(format)) throw usageError(`--format must be json or csv, not "${format}"`, USAGE);
  if (since !== undefined && !startOfDayIn(since, 'UTC')) {
    throw usageError(`--since must be a real date as YYYY-MM-DD, not "${since}"`, USAGE);
  }

  const runtime = await openRuntime();
  try {
    const sinceInstant =
      since === undefined ? undefined : startOfDayIn(since, runtime.config.businessTimeZone);
    const events = runtime.services.ledger.events(sinceInstant ? { since: sinceInstant } : {});
    try {
      await pipeline(Readable.from(formatAuditExport(events, format)), process.stdout);
    } catch (error) {
      // The reader went away (`| head`): what it wanted has been written.
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    }
    return 0;
  } finally {
    await runtime.close();
  }
};

runCli(main);
