import { openRuntime, runCli } from '../runtime.js';
import { parseCommandLine, usageError } from './command-line.js';

const USAGE = `usage: npm run audit:verify
  Walks the audit hash chain from its first event; exit 0 when every event verifies, 1 at the first that does not.`;

const main = async (): Promise<number> => {
  const command = parseCommandLine(process.argv.slice(2), {}, USAGE);
  if (!command) return 0;
  if (command.positionals.length > 0)
    throw usageError(`unexpected argument: ${command.positionals.join(' ')}`, USAGE);

  const runtime = await openRuntime();
  try {
    const result = await runtime.services.ledger.verify();
    if (result.ok) {
      process.stdout.write(
        `audit chain OK: ${result.count} event${result.count === 1 ? '' : 's'} verified\n`,
      );
      return 0;
    }
    runtime.logger.error({ eventId: result.break.id, verified: result.count }, 'audit chain broken');
    process.stdout.write(
      `audit chain BROKEN at event ${result.break.id}: ${result.break.reason}; ` +
        `the ${result.count} event${result.count === 1 ? '' : 's'} before it verified\n`,
    );
    return 1;
  } finally {
    await runtime.close();
  }
};

runCli(main);
