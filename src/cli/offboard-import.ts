import { leaverColumns, validateLeaverRows } from '../offboarding/bulk-import.js';
import { openRuntime, runCli } from '../runtime.js';
import { isDomainError } from '../shared/domain-error.js';
import { commandLineActor, parseCommandLine, usageError } from './command-line.js';
import { readCsvTable, readInputFile, refusal } from './csv-table.js';

const USAGE = `usage: npm run offboard:import -- FILE.csv
  Starts one offboarding case per row of FILE.csv: all rows or none.
  Columns by header: email, name, last day (YYYY-MM-DD); optional vendors (ids separated by ; | or space;
  empty: the vendors whose rosters list the email) and external id (a row whose external id already has
  a case is skipped).`;

const lines = (numbers: number[]) => `line${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')}`;

const main = async (): Promise<number> => {
  const command = parseCommandLine(process.argv.slice(2), {}, { usage: USAGE, maxPositionals: 1 });
  if (!command) return 0;
  const [path] = command.positionals;
  if (!path) throw usageError('FILE.csv is required', USAGE);

  const file = await readInputFile(path);
  const table = readCsvTable(file.text, leaverColumns);

  const runtime = await openRuntime();
  try {
    const { services, logger } = runtime;
    const activeVendors = new Set((await services.vendors.listActive()).map((vendor) => vendor.id));
    const validated = validateLeaverRows(table.rows, activeVendors);
    if (table.problems.length > 0 || !validated.ok) {
      throw refusal(file.fileName, [...table.problems, ...(validated.ok ? [] : validated.problems)]);
    }

    const { leavers } = validated;
    let outcome: { created: string[]; skipped: number[] };
    try {
      outcome = await services.offboarding.startCases(
        leavers.map((leaver) => leaver.input),
        commandLineActor(),
      );
    } catch (error) {
      // Something changed between validation and the transaction (a vendor turned inactive): still all or none.
      const index = isDomainError(error) ? error.context.index : undefined;
      const leaver = typeof index === 'number' ? leavers[index] : undefined;
      if (isDomainError(error) && leaver) {
        throw refusal(file.fileName, [
          { line: leaver.line, message: error.message.replace(/^Row \d+: /, '') },
        ]);
      }
      throw error;
    }

    const skippedLines = outcome.skipped.flatMap((index) => leavers[index]?.line ?? []);
    const skipped = new Set(outcome.skipped);
    const startedLines = leavers.filter((_, index) => !skipped.has(index)).map((leaver) => leaver.line);
    const withoutVendors: number[] = [];
    for (const [position, caseId] of outcome.created.entries()) {
      const record = await services.offboarding.getCase(caseId);
      const line = startedLines[position];
      if (record && record.removals.length === 0 && line !== undefined) withoutVendors.push(line);
    }
    logger.info(
      {
        started: outcome.created.length,
        skipped: outcome.skipped.length,
        withoutVendors: withoutVendors.length,
      },
      'offboarding cases imported',
    );

    const started = outcome.created.length;
    const summary = [
      `${started} case${started === 1 ? '' : 's'} started, ${skippedLines.length} skipped` +
        (skippedLines.length > 0 ? ` (their external id already has a case: ${lines(skippedLines)})` : '') +
        '.',
    ];
    if (withoutVendors.length > 0) {
      summary.push(
        `${withoutVendors.length} of them ${withoutVendors.length === 1 ? 'has' : 'have'} no vendor to remove (none in the file, none on a roster): ${lines(withoutVendors)}.`,
      );
    }
    if (started > 0) {
      summary.push(
        `Their cards are queued: the running app posts them to Slack at about one per second (~${started} s).`,
      );
    }
    process.stdout.write(`${summary.join('\n')}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
};

runCli(main);
