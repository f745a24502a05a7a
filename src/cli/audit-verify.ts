import { openRuntime, runCli } from '../runtime.js';
import { parseCommandLine, usageError } from './command-line.js';

const USAGE = `usage: npm run audit:verify [-- --head HASH]
  Walks the audit hash chain from its first event; exit 0 when every event verifies, 1 at the first that does not.
  Prints the chain's head hash: keep it outside the database (a ticket, a signed email) and pass it back
  with --head later to prove no event was cut off the end of the chain since.`;

const main = async (): Promise<number> => {
  const command = parseCommandLine(process.argv.slice(2), { head: { type: 'string' } }, { usage: USAGE });
  if (!command) return 0;
  const expectHead = command.values.head;
  if (expectHead !== undefined && !/^[0-9a-f]{64}$/.test(expectHead)) {
    throw usageError(
      '--head must be a 64-character SHA-256 hex hash printed by an earlier audit:verify',
      USAGE,
    );
  }

  const runtime = await openRuntime();
  try {
    const result = await runtime.services.ledger.verify(expectHead ? { expectHead } : {});
    if (result.ok) {
      process.stdout.write(
        `audit chain OK: ${result.count} event${result.count === 1 ? '' : 's'} verified; head ${result.head}\n`,
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
