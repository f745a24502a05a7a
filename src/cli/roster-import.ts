import { createRosterUseCases } from '../roster/roster.usecases.js';
import { rosterColumns, validateRosterRows } from '../roster/roster-import.js';
import { openRuntime, runCli } from '../runtime.js';
import { commandLineActor, parseCommandLine, usageError } from './command-line.js';
import { readCsvTable, readInputFile, refusal } from './csv-table.js';

const USAGE = `usage: npm run roster:import -- --vendor ID FILE.csv
  Replaces the roster of vendor ID with FILE.csv: all rows or none.
  Columns by header: email (required), name, member id, enrolled on (YYYY-MM-DD).`;

const main = async (): Promise<number> => {
  const command = parseCommandLine(
    process.argv.slice(2),
    { vendor: { type: 'string' } },
    { usage: USAGE, maxPositionals: 1 },
  );
  if (!command) return 0;
  const vendorId = command.values.vendor;
  const [path] = command.positionals;
  if (!vendorId) throw usageError('--vendor ID is required', USAGE);
  if (!path) throw usageError('FILE.csv is required', USAGE);

  const file = await readInputFile(path);
  const table = readCsvTable(file.text, rosterColumns);
  const validated = validateRosterRows(table.rows);

  const runtime = await openRuntime();
  try {
    const { services, logger } = runtime;
    const known = (await services.vendors.listActive()).map((vendor) => vendor.id);
    const vendorProblems = known.includes(vendorId)
      ? []
      : [`unknown vendor "${vendorId}" (known: ${known.join(', ')})`];
    if (vendorProblems.length > 0 || table.problems.length > 0 || !validated.ok) {
      throw refusal(
        file.fileName,
        [...table.problems, ...(validated.ok ? [] : validated.problems)],
        vendorProblems,
      );
    }

    const imported = await createRosterUseCases(services).importRoster(
      { vendorId, members: validated.members, fileName: file.fileName, sha256: file.sha256 },
      commandLineActor(),
    );
    logger.info(
      {
        vendorId,
        membersBefore: imported.before,
        membersAfter: imported.after,
        auditEventId: imported.event.id,
      },
      'roster imported',
    );
    process.stdout.write(
      `${vendorId} roster replaced from ${file.fileName}: ${imported.after} members (was ${imported.before}); ` +
        `audit event ${imported.event.id}, sha256 ${file.sha256}\n`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
};

runCli(main);
