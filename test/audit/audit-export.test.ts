import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import {
  type AuditExportFormat,
  auditCsvColumns,
  formatAuditExport,
  startOfDayIn,
} from '../../src/audit/audit-export.js';
import type { AuditEventRow } from '../../src/db/schema.js';

const event = (id: number, overrides: Partial<AuditEventRow> = {}): AuditEventRow => ({
  id,
  occurredAt: new Date(Date.UTC(2026, 10, 1, 9, 0, id)),
  actor: 'UHR00001',
  action: 'case.approved',
  caseId: '6f1c2d4e-8a9b-4c3d-9e8f-7a6b5c4d3e2f',
  vendorId: null,
  fromStatus: 'awaiting_hr',
  toStatus: 'approved',
  details: { index: id },
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  ...overrides,
});

async function* stream(events: AuditEventRow[]) {
  yield* events;
}

const exportText = async (events: AuditEventRow[], format: AuditExportFormat) => {
  const chunks: string[] = [];
  for await (const chunk of formatAuditExport(stream(events), format)) chunks.push(chunk);
  return { text: chunks.join(''), chunks };
};

describe('audit export formatting', () => {
  test('a JSON line carries every field the hash covers, the chain links, an ISO time and vendor null where none', async () => {
    const { text } = await exportText([event(1)], 'json');
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      id: 1,
      occurredAt: '2026-11-01T09:00:01.000Z',
      actor: 'UHR00001',
      action: 'case.approved',
      caseId: '6f1c2d4e-8a9b-4c3d-9e8f-7a6b5c4d3e2f',
      vendor: null,
      fromStatus: 'awaiting_hr',
      toStatus: 'approved',
      details: { index: 1 },
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    });
  });

  test('CSV has the header, quotes commas, quotes and line breaks, and keeps details as a JSON string', async () => {
    const tricky = { note: 'ticket "SH-1", confirmed,\r\nby phone', nested: { list: [1, 2] } };
    const { text } = await exportText(
      [event(1, { vendorId: 'one-medical', details: tricky }), event(2, { caseId: null, fromStatus: null })],
      'csv',
    );
    expect(text.split('\n')[0]).toBe(auditCsvColumns.join(','));
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: '1', vendor: 'one-medical', occurredAt: '2026-11-01T09:00:01.000Z' });
    expect(JSON.parse(rows[0]?.details ?? '')).toEqual(tricky);
    expect(rows[1]).toMatchObject({ caseId: '', fromStatus: '', vendor: '' });
  });

  test('an empty ledger exports as nothing in JSON and as the header alone in CSV', async () => {
    expect((await exportText([], 'json')).text).toBe('');
    expect((await exportText([], 'csv')).text).toBe(`${auditCsvColumns.join(',')}\n`);
  });

  test.each(['json', 'csv'] as const)(
    'a long %s export comes in bounded chunks that keep every event in order',
    async (format) => {
      const events = Array.from({ length: 3000 }, (_, index) =>
        event(index + 1, { details: { text: 'x'.repeat(100) } }),
      );
      const { text, chunks } = await exportText(events, format);
      expect(chunks.length).toBeGreaterThan(3);
      for (const chunk of chunks) expect(chunk.length).toBeLessThan(128 * 1024);
      const ids =
        format === 'json'
          ? text
              .trimEnd()
              .split('\n')
              .map((line) => (JSON.parse(line) as { id: number }).id)
          : (parse(text, { columns: true }) as { id: string }[]).map((row) => Number(row.id));
      expect(ids).toEqual(events.map((row) => row.id));
    },
  );
});

describe('--since dates', () => {
  test('a date means the start of that day in the business time zone', () => {
    expect(startOfDayIn('2026-11-02', 'UTC')?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    expect(startOfDayIn('2026-11-02', 'America/New_York')?.toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'America/New_York')?.toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfDayIn('2026-11-02', 'Asia/Kolkata')?.toISOString()).toBe('2026-11-01T18:30:00.000Z');
  });

  test('on a daylight-saving change day the offset in force at that midnight is used', () => {
    // New York leaves summer time at 02:00 on 2026-11-01: midnight is still UTC-4.
    expect(startOfDayIn('2026-11-01', 'America/New_York')?.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfDayIn('2026-03-08', 'America/New_York')?.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    // Santiago enters summer time at midnight on 2026-09-06: 00:00 does not exist, the day starts at 01:00.
    expect(startOfDayIn('2026-09-06', 'America/Santiago')?.toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  test.each(['2026-02-30', '2026-13-01', '26-11-01', '2026-11-1', 'yesterday', ''])(
    '"%s" is not accepted as a date',
    (value) => {
      expect(startOfDayIn(value, 'UTC')).toBeNull();
    },
  );
});
