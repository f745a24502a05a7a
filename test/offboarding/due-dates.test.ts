import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { businessDate, daysBetween, formatInstant, removalDueDate } from '../../src/offboarding/due-dates.js';

const dayMs = 24 * 60 * 60 * 1000;
const utcDay = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const isWeekend = (isoDate: string) => [0, 6].includes(utcDay(isoDate).getUTCDay());

/** The rule, counted out by hand: the n-th weekday strictly after the start date. */
const nthWeekdayAfter = (start: string, n: number) => {
  let day = utcDay(start);
  for (let counted = 0; counted < n; ) {
    day = new Date(day.getTime() + dayMs);
    if (!isWeekend(day.toISOString().slice(0, 10))) counted += 1;
  }
  return day.toISOString().slice(0, 10);
};

describe('removal due dates', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  test('a removal approved on a Monday is due the same weekday a week later with a five-day SLA', () => {
    const due = removalDueDate({
      approvedAt: new Date('2026-11-23T15:00:00Z'),
      lastDay: '2026-11-20',
      slaBusinessDays: 5,
      timeZone: 'UTC',
    });
    expect(due).toBe('2026-11-30');
  });

  test('weekends are skipped when counting business days', () => {
    const fridayApproval = {
      approvedAt: new Date('2026-11-27T12:00:00Z'),
      lastDay: '2026-11-01',
      timeZone: 'UTC',
    };
    expect(removalDueDate({ ...fridayApproval, slaBusinessDays: 1 })).toBe('2026-11-30');
    expect(removalDueDate({ ...fridayApproval, slaBusinessDays: 3 })).toBe('2026-12-02');
    expect(removalDueDate({ ...fridayApproval, slaBusinessDays: 6 })).toBe('2026-12-07');
  });

  test('counting starts from the last day when it is later than the approval', () => {
    const due = removalDueDate({
      approvedAt: new Date('2026-11-23T15:00:00Z'),
      lastDay: '2026-12-04',
      slaBusinessDays: 3,
      timeZone: 'UTC',
    });
    expect(due).toBe('2026-12-09');
  });

  test('a last day on a weekend counts from the next Monday', () => {
    const base = { approvedAt: new Date('2026-11-23T15:00:00Z'), timeZone: 'UTC' };
    expect(removalDueDate({ ...base, lastDay: '2026-12-05', slaBusinessDays: 1 })).toBe('2026-12-07');
    expect(removalDueDate({ ...base, lastDay: '2026-12-06', slaBusinessDays: 5 })).toBe('2026-12-11');
  });

  test('the business time zone decides which date it is when approved', () => {
    // 03:00 UTC on Friday 27 November is still Thursday evening in Los Angeles.
    const approvedAt = new Date('2026-11-27T03:00:00Z');
    const base = { approvedAt, lastDay: '2026-11-20', slaBusinessDays: 1 };
    expect(businessDate(approvedAt, 'America/Los_Angeles')).toBe('2026-11-26');
    expect(removalDueDate({ ...base, timeZone: 'America/Los_Angeles' })).toBe('2026-11-27');
    expect(removalDueDate({ ...base, timeZone: 'UTC' })).toBe('2026-11-30');
  });

  test('a business time zone ahead of UTC can already be on the next date', () => {
    // 16:00 UTC on Thursday 26 November is 01:00 on Friday in Tokyo.
    const approvedAt = new Date('2026-11-26T16:00:00Z');
    const base = { approvedAt, lastDay: '2026-11-20', slaBusinessDays: 1 };
    expect(removalDueDate({ ...base, timeZone: 'Asia/Tokyo' })).toBe('2026-11-30');
    expect(removalDueDate({ ...base, timeZone: 'UTC' })).toBe('2026-11-27');
  });

  test('the process time zone makes no difference', () => {
    const input = {
      approvedAt: new Date('2026-03-06T23:30:00Z'),
      lastDay: '2026-03-06',
      slaBusinessDays: 2,
      timeZone: 'Europe/London',
    };
    // Havana's clocks skip midnight on 8 March 2026; Kiritimati is fourteen hours ahead of UTC.
    for (const tz of ['UTC', 'America/Los_Angeles', 'America/Havana', 'Pacific/Kiritimati', 'Asia/Kolkata']) {
      process.env.TZ = tz;
      expect(removalDueDate(input), tz).toBe('2026-03-10');
    }
  });

  test('a due date is the SLA-th weekday after the later of the approval date and the last day', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('UTC', 'America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'),
        fc.constantFrom('UTC', 'America/Havana', 'Pacific/Kiritimati', 'Australia/Lord_Howe'),
        (approvedAt, lastDayOffset, slaBusinessDays, timeZone, processTimeZone) => {
          process.env.TZ = processTimeZone;
          const approvedOn = businessDate(approvedAt, timeZone);
          const lastDay = new Date(utcDay(approvedOn).getTime() + lastDayOffset * dayMs)
            .toISOString()
            .slice(0, 10);
          const due = removalDueDate({ approvedAt, lastDay, slaBusinessDays, timeZone });

          expect(isWeekend(due), `${due} is a weekend`).toBe(false);
          expect(due >= lastDay).toBe(true);
          expect(due > approvedOn).toBe(true);
          const [, countFrom = approvedOn] = [lastDay, approvedOn].sort();
          expect(due).toBe(nthWeekdayAfter(countFrom, slaBusinessDays));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formatInstant', () => {
  test('formats an instant for people in the business time zone, with the zone named', () => {
    expect(formatInstant(new Date('2026-11-25T14:03:00Z'), 'UTC')).toBe('2026-11-25 14:03 UTC');
    expect(formatInstant(new Date('2026-11-27T03:00:00Z'), 'America/Los_Angeles')).toBe(
      '2026-11-26 19:00 PST',
    );
    expect(formatInstant(new Date('2026-07-01T00:00:00Z'), 'America/New_York')).toBe('2026-06-30 20:00 EDT');
  });

  test('midnight is written 00:00, not 24:00', () => {
    expect(formatInstant(new Date('2026-11-26T00:00:00Z'), 'UTC')).toBe('2026-11-26 00:00 UTC');
    expect(formatInstant(new Date('2026-11-26T00:05:00Z'), 'UTC')).toBe('2026-11-26 00:05 UTC');
  });

  test('minutes are shown two-digit and seconds dropped', () => {
    expect(formatInstant(new Date('2027-01-02T03:04:59Z'), 'UTC')).toBe('2027-01-02 03:04 UTC');
  });
});

describe('daysBetween', () => {
  test('counts whole calendar days, negative when the second date is earlier', () => {
    expect(daysBetween('2026-11-20', '2026-11-27')).toBe(7);
    expect(daysBetween('2026-11-27', '2026-11-20')).toBe(-7);
    expect(daysBetween('2026-11-27', '2026-11-27')).toBe(0);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });

  test('a daylight-saving change in the process time zone does not shorten a day', () => {
    const originalTz = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
      expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
    } finally {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    }
  });
});
