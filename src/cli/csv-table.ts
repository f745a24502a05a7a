import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { CliError } from '../runtime.js';

/** The columns a command reads from a CSV file: for each, the header names accepted and whether it must be there. */
export type CsvColumns<K extends string> = Record<
  K,
  { readonly headers: readonly string[]; readonly required?: boolean }
>;

/** One record of the file: the line it starts on (line 1 is the header) and its non-empty values by column. */
export type CsvRow<K extends string> = { line: number; values: Partial<Record<K, string>> };

export type LineProblem = { line: number; message: string };

/** Header names match whatever their case, spaces, underscores or dashes: `Member ID` = `member_id`. */
const headerKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A command's input file: its text (UTF-8 only, never guessed), base name and the SHA-256 of its bytes. */
export const readInputFile = async (
  path: string,
): Promise<{ text: string; fileName: string; sha256: string }> => {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new CliError(`cannot read ${path}: ${reason}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${path} is not UTF-8 text: save it as "CSV UTF-8"`);
  }
  return { text, fileName: basename(path), sha256: createHash('sha256').update(bytes).digest('hex') };
};

/**
 * Reads a CSV file with a header line into rows keyed by column. Accepts a UTF-8 BOM and CRLF line ends;
 * blank lines are skipped but still counted. Unknown columns are ignored. File-level problems (empty file,
 * missing or repeated column, broken quoting) come back as problems on line 1 or where the parser stopped.
 */
export const readCsvTable = <K extends string>(
  text: string,
  columns: CsvColumns<K>,
): { rows: CsvRow<K>[]; problems: LineProblem[] } => {
  // csv-parse counts a CRLF inside a quoted value as two lines; with LF only, its line numbers are right.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalized, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      // The typings do not model `info: true`, which wraps each record with its position.
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : 1;
      return { rows: [], problems: [{ line, message: `the file is not valid CSV: ${error.message}` }] };
    }
    throw error;
  }

  const [header, ...body] = records;
  if (!header) {
    return {
      rows: [],
      problems: [{ line: 1, message: 'the file is empty: it needs a header line and rows' }],
    };
  }

  const problems: LineProblem[] = [];
  const keys = Object.keys(columns) as K[];
  const indexOf = new Map<K, number>();
  for (const [index, cell] of header.record.entries()) {
    const key = keys.find((candidate) =>
      columns[candidate].headers.some((name) => headerKey(name) === headerKey(cell)),
    );
    if (!key) continue;
    const earlier = indexOf.get(key);
    if (earlier !== undefined) {
      problems.push({
        line: 1,
        message: `columns "${header.record[earlier]}" and "${cell}" both mean ${columns[key].headers[0]}`,
      });
    } else {
      indexOf.set(key, index);
    }
  }
  for (const key of keys) {
    if (columns[key].required && !indexOf.has(key)) {
      problems.push({
        line: 1,
        message: `the header has no "${columns[key].headers[0]}" column (found: ${header.record.join(', ') || 'nothing'})`,
      });
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  if (body.length === 0) {
    return { rows: [], problems: [{ line: 1, message: 'the file has a header but no rows' }] };
  }

  const rows: CsvRow<K>[] = [];
  for (const { record, info } of body) {
    const newlinesInside = record.reduce((count, value) => count + (value.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - newlinesInside;
    if (record.length > header.record.length) {
      // Most often an unquoted comma inside a name, which would shift every later value.
      problems.push({
        line,
        message: `${record.length} values but the header has ${header.record.length} (put a value that contains a comma in double quotes)`,
      });
      continue;
    }
    const values: Partial<Record<K, string>> = {};
    for (const [key, index] of indexOf) {
      const value = record[index];
      if (value) values[key] = value;
    }
    rows.push({ line, values });
  }
  return { rows, problems };
};

/** Refuses a whole file: what is wrong overall first, then every bad line (`line 4: …`) in line order. */
export const refusal = (
  fileName: string,
  problems: readonly LineProblem[],
  general: readonly string[] = [],
) =>
  new CliError(
    [
      `nothing imported from ${fileName}:`,
      ...general,
      ...[...problems]
        .sort((a, b) => a.line - b.line)
        .map((problem) => `line ${problem.line}: ${problem.message}`),
    ].join('\n'),
  );
