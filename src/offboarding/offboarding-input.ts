import { z } from 'zod';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const [year, month, day] = value.split('-').map(Number);
    const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
    return date.getUTCFullYear() === year && date.getUTCMonth() + 1 === month && date.getUTCDate() === day;
  }, 'is not a real date');

export const workEmail = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'))
  .transform((email) => email.toLowerCase());

export const personName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

export const vendorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a vendor id such as one-medical');

/** The most vendors one case may name: its card must fit Slack's 50-block limit. */
export const MAX_VENDORS_PER_CASE = 20;

/** The HR-system webhook's body (CONTRACT.md): unknown fields are ignored. */
export const offboardingRequest = z.object({
  email: workEmail,
  name: personName,
  lastDay: isoDate,
  vendors: z
    .array(vendorId)
    .min(1, 'must name at least one vendor, or be left out to use the rosters')
    .max(MAX_VENDORS_PER_CASE, `must name at most ${MAX_VENDORS_PER_CASE} vendors`)
    .optional(),
  externalId: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .optional(),
});
export type OffboardingRequest = z.infer<typeof offboardingRequest>;
