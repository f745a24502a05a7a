import { z } from 'zod';
import type { RosterMember } from './roster.repository.js';

/** The columns of a vendor or broker roster file, by the header names accepted for each. */
export const rosterColumns = {
  email: { headers: ['email', 'email address', 'work email'], required: true },
  name: { headers: ['name', 'full name', 'member name'] },
  memberId: { headers: ['member id'] },
  enrolledOn: { headers: ['enrolled on', 'enrollment date'] },
} as const;

export type RosterColumn = keyof typeof rosterColumns;

type RosterRow = { line: number; values: Partial<Record<RosterColumn, string>> };
type LineProblem = { line: number; message: string };

/**
 * An email as rosters hold it (trimmed, lower case) so that leavers match their enrollments. Its messages
 * name the column, never the value: a roster says who is enrolled in a health benefit.
 */
export const enrolledEmail = z
  .string({ error: 'email is empty' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'email is not a valid email address' }));

const rosterRowSchema = z.object({
  email: enrolledEmail,
  name: z.string().optional(),
  memberId: z.string().optional(),
  enrolledOn: z
    .string()
    .pipe(
      z.iso.date({
        error: (issue) => `enrolled on "${String(issue.input)}" is not a real date (YYYY-MM-DD)`,
      }),
    )
    .optional(),
});

/**
 * Validates every row of a roster file: a valid email on each, dates that exist, no email twice.
 * Returns the members only when no row has a problem; otherwise every problem, by line.
 */
export const validateRosterRows = (
  rows: readonly RosterRow[],
): { ok: true; members: RosterMember[] } | { ok: false; problems: LineProblem[] } => {
  const problems: LineProblem[] = [];
  const members: RosterMember[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, values } of rows) {
    const parsed = rosterRowSchema.safeParse(values);
    if (!parsed.success) {
      problems.push({ line, message: parsed.error.issues.map((issue) => issue.message).join('; ') });
      continue;
    }
    const { email, name, memberId, enrolledOn } = parsed.data;
    const earlier = firstLineOf.get(email);
    if (earlier !== undefined) {
      problems.push({ line, message: `the same email as line ${earlier}` });
      continue;
    }
    firstLineOf.set(email, line);
    members.push({
      email,
      ...(name ? { name } : {}),
      ...(memberId ? { memberId } : {}),
      ...(enrolledOn ? { enrolledOn } : {}),
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, members };
};
