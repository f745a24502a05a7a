import { userInfo } from 'node:os';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Actor } from '../offboarding/case-lifecycle.js';
import { CliError } from '../runtime.js';

/** Exit code of a command called the wrong way (bad option, missing argument). */
export const USAGE_EXIT_CODE = 2;

type Options = NonNullable<ParseArgsConfig['options']>;
type ParsedResults<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/**
 * Parses a command's arguments with `node:util` parseArgs, allowing up to `maxPositionals` plain arguments;
 * anything wrong throws a CliError carrying the usage and exit code 2. Returns null after printing the
 * usage to stdout for `--help`.
 */
export const parseCommandLine = <O extends Options>(
  args: string[],
  options: O,
  { usage, maxPositionals = 0 }: { usage: string; maxPositionals?: number },
) => {
  const helpOption = { help: { type: 'boolean', short: 'h' } } as const;
  let parsed: ParsedResults<{
    args: string[];
    options: O & typeof helpOption;
    allowPositionals: true;
    strict: true;
  }>;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, ...helpOption },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), usage);
  }
  // Generic options keep `values` opaque here; `help` is always one of them.
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    return null;
  }
  const extra = parsed.positionals.slice(maxPositionals);
  if (extra.length > 0) throw usageError(`unexpected argument: ${extra.join(' ')}`, usage);
  return { values: parsed.values, positionals: parsed.positionals };
};

export const usageError = (problem: string, usage: string) =>
  new CliError(`${problem}\n${usage}`, USAGE_EXIT_CODE);

/** The operator running a command, as the ledger names them: `cli:<os user>`. */
export const commandLineActor = (): Actor => {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // A container user without a passwd entry still has a uid.
    name = `uid-${process.getuid?.() ?? 'unknown'}`;
  }
  return { id: `cli:${name}`, isHrApprover: false, isItConfirmer: false };
};
