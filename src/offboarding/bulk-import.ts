import { z } from 'zod';
import { enrolledEmail } from '../roster/roster-import.js';
import type { StartCaseInput } from './offboarding.usecases.js';

/** The columns of a leavers file (a reduction in force), by the header names accepted for each. */
export const leaverColumns = {
  email: { headers: ['email', 'email address', 'work email'], required: true },
  name: { headers: ['name', 'full name', 'employee name'], required: true },
  lastDay: { headers: ['last day', 'last working day'], required: true },
  vendors: { headers: ['vendors', 'vendor ids'] },
  externalId: { headers: ['external id'] },
} as const;

export type LeaverColumn = keyof typeof leaverColumns;

type LeaverRow = { line: number; values: Partial<Record<LeaverColumn, string>> };
type LineProblem = { line: number; message: string };

/** A case to start and the line of the file it comes from. */
export type Leaver = { line: number; input: StartCaseInput };

/** `spring-health; betterup`, `spring-health|betterup` or `spring-health betterup`. */
const splitVendorIds = (list: string): string[] =>
  list
    .toLowerCase()
    .split(/[\s;|,]+/)
    .filter((id) => id.length > 0);

// Messages name the column, never the value: the file lists people and where they are enrolled.
const leaverRowSchema = z.object({
  email: enrolledEmail,
  name: z.string({ error: 'name is empty' }),
  lastDay: z
    .string({ error: 'last day is empty' })
    .pipe(
      z.iso.date({ error: (issue) => `last day "${String(issue.input)}" is not a real date (YYYY-MM-DD)` }),
    ),
  vendors: z.string().transform(splitVendorIds).optional(),
  externalId: z.string().optional(),
});

/**
 * Validates every row of a leavers file: valid email, a name, a last day that exists, only vendors in
 * `knownVendorIds`, no email or external id twice. Returns the cases to start only when no row has a
 * problem; otherwise every problem, by line. A row without vendors takes them from the rosters.
 */
export const validateLeaverRows = (
  rows: readonly LeaverRow[],
  knownVendorIds: ReadonlySet<string>,
): { ok: true; leavers: Leaver[] } | { ok: false; problems: LineProblem[] } => {
  const problems: LineProblem[] = [];
  const leavers: Leaver[] = [];
  const lineOfEmail = new Map<string, number>();
  const lineOfExternalId = new Map<string, number>();
  const known = [...knownVendorIds].sort().join(', ');
  for (const { line, values } of rows) {
    const parsed = leaverRowSchema.safeParse(values);
    const messages = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    // Read from the raw values, so a row that fails on another field is still checked for repeats.
    const email = values.email?.trim().toLowerCase();
    const externalId = values.externalId;
    const unknown = splitVendorIds(values.vendors ?? '').filter((id) => !knownVendorIds.has(id));
    if (unknown.length > 0) {
      messages.push(`unknown vendor ${unknown.map((id) => `"${id}"`).join(', ')} (known: ${known})`);
    }
    const emailLine = email ? lineOfEmail.get(email) : undefined;
    if (emailLine !== undefined) messages.push(`the same email as line ${emailLine}`);
    const externalIdLine = externalId ? lineOfExternalId.get(externalId) : undefined;
    if (externalIdLine !== undefined) messages.push(`the same external id as line ${externalIdLine}`);
    if (email && emailLine === undefined) lineOfEmail.set(email, line);
    if (externalId && externalIdLine === undefined) lineOfExternalId.set(externalId, line);

    if (messages.length > 0 || !parsed.success) {
      problems.push({ line, message: messages.join('; ') });
      continue;
    }
    const { name, lastDay, vendors } = parsed.data;
    leavers.push({
      line,
      input: {
        employeeEmail: parsed.data.email,
        employeeName: name,
        lastDay,
        source: 'import',
        ...(vendors && vendors.length > 0 ? { vendorIds: [...new Set(vendors)] } : {}),
        ...(externalId ? { externalId } : {}),
      },
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, leavers };
};
