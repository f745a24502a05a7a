import { addBusinessDays, differenceInCalendarDays, format, max, parseISO } from 'date-fns';

/** The calendar date (YYYY-MM-DD) it is at `instant` in `timeZone`. */
export const businessDate = (instant: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

// Plain dates are handled as local midnights so date-fns' weekday arithmetic is right in any process time zone.
const isoDate = (date: Date): string => format(date, 'yyyy-MM-dd');

/**
 * A removal is due `slaBusinessDays` business days after it can first be acted on:
 * the approval date, or the employee's last day when that is later.
 */
export const removalDueDate = (input: {
  approvedAt: Date;
  lastDay: string;
  slaBusinessDays: number;
  timeZone: string;
}): string => {
  const approvedOn = parseISO(businessDate(input.approvedAt, input.timeZone));
  const lastDay = parseISO(input.lastDay);
  return isoDate(addBusinessDays(max([approvedOn, lastDay]), input.slaBusinessDays));
};

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  differenceInCalendarDays(parseISO(to), parseISO(from));

/** Formats an instant for people: `2026-11-25 14:03 UTC` in the business time zone. */
export const formatInstant = (instant: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
};
