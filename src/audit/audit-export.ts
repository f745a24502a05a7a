import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { AuditEventRow } from '../db/schema.js';
import { businessDate } from '../offboarding/due-dates.js';

export const auditExportFormats = ['json', 'csv'] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

/** One audit event as an export carries it: every field its hash covers, plus the chain links. */
export type ExportedAuditEvent = {
  id: number;
  occurredAt: string;
  actor: string;
  action: string;
  caseId: string | null;
  vendor: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

/** The CSV header, in column order; `details` is a JSON string column. */
export const auditCsvColumns = [
  'id',
  'occurredAt',
  'actor',
  'action',
  'caseId',
  'vendor',
  'fromStatus',
  'toStatus',
  'details',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof ExportedAuditEvent)[];

export const toExportedEvent = (row: AuditEventRow): ExportedAuditEvent => ({
  id: row.id,
  occurredAt: row.occurredAt.toISOString(),
  actor: row.actor,
  action: row.action,
  caseId: row.caseId,
  vendor: row.vendorId,
  fromStatus: row.fromStatus,
  toStatus: row.toStatus,
  details: row.details,
  prevHash: row.prevHash,
  hash: row.hash,
});

const toCsvRecord = (event: ExportedAuditEvent) =>
  auditCsvColumns.map((column) => (column === 'details' ? JSON.stringify(event.details) : event[column]));

// Output is written in chunks of about this size: one write per event would make stdout the bottleneck.
const CHUNK_CHARS = 64 * 1024;

/**
 * Turns events (in chain order) into the export's text, chunk by chunk, without holding more than one
 * chunk: JSON is one object per line; CSV is a header line, then one row per event (RFC 4180 quoting).
 */
export async function* formatAuditExport(
  events: AsyncIterable<AuditEventRow>,
  format: AuditExportFormat,
): AsyncGenerator<string> {
  let chunk = format === 'csv' ? stringify([auditCsvColumns]) : '';
  for await (const row of events) {
    const event = toExportedEvent(row);
    if (format === 'json') {
      chunk += `${JSON.stringify(event)}\n`;
    } else {
      chunk += stringify([toCsvRecord(event)]);
    }
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

const calendarDate = z.iso.date();

/** The UTC offset of `timeZone` at `instant`, in milliseconds. */
const zoneOffsetMs = (instant: Date, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wallClock - Math.floor(instant.getTime() / 1000) * 1000;
};

/**
 * The instant `--since YYYY-MM-DD` means: the start of that day in the business time zone.
 * Null when the value is not a real calendar date.
 */
export const startOfDayIn = (date: string, timeZone: string): Date | null => {
  if (!calendarDate.safeParse(date).success) return null;
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const first = new Date(midnightUtc - zoneOffsetMs(new Date(midnightUtc), timeZone));
  const second = new Date(midnightUtc - zoneOffsetMs(first, timeZone));
  // Around a daylight-saving change the two guesses differ: the day starts at the earlier one that is on it
  // (where midnight itself does not exist, that is the first instant after the gap).
  const onTheDay = [second, first].filter((instant) => businessDate(instant, timeZone) === date);
  return onTheDay.sort((a, b) => a.getTime() - b.getTime())[0] ?? first;
};
