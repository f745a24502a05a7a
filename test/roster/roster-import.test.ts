import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readCsvTable } from '../../src/cli/csv-table.js';
import { rosterColumns, validateRosterRows } from '../../src/roster/roster-import.js';

const readRoster = (text: string) => {
  const table = readCsvTable(text, rosterColumns);
  const validated = validateRosterRows(table.rows);
  return { fileProblems: table.problems, ...validated };
};

describe('roster file parsing', () => {
  test('headers match whatever their case and separators, and a BOM and CRLF line ends are accepted', () => {
    const text =
      '\uFEFFE-mail,Member_ID,Full Name,ENROLLED ON,Plan\r\n' +
      'Dana.Reyes@Example.com,SH-001,Dana Reyes,2025-01-15,gold\r\n' +
      'sam.lee@example.com,,,,\r\n';
    expect(readRoster(text)).toEqual({
      fileProblems: [],
      ok: true,
      members: [
        { email: 'dana.reyes@example.com', memberId: 'SH-001', name: 'Dana Reyes', enrolledOn: '2025-01-15' },
        { email: 'sam.lee@example.com' },
      ],
    });
  });

  test('every bad row is named by its line, the header being line 1 and blank lines counted', () => {
    const text = [
      'email,name,enrolled on',
      'dana.reyes@example.com,Dana Reyes,2025-01-15',
      'not-an-email,Someone,2025-01-15',
      '',
      'sam.lee@example.com,Sam Lee,2025-02-30',
      'DANA.REYES@example.com,Dana again,',
      ',No Email,2025-01-01',
      'kim.park@example.com,Kim Park,15/01/2025',
    ].join('\n');
    const result = readRoster(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      { line: 3, message: 'email is not a valid email address' },
      { line: 5, message: 'enrolled on "2025-02-30" is not a real date (YYYY-MM-DD)' },
      { line: 6, message: 'the same email as line 2' },
      { line: 7, message: 'email is empty' },
      { line: 8, message: 'enrolled on "15/01/2025" is not a real date (YYYY-MM-DD)' },
    ]);
  });

  test('a problem names the column, never the email or name it refuses', () => {
    const result = readRoster('email,name\nsecret.person@@example.com,Secret Person\n');
    const messages = result.ok ? '' : result.problems.map((problem) => problem.message).join(' ');
    expect(messages).toContain('email is not a valid email address');
    expect(messages).not.toMatch(/secret/i);
  });

  test('a value spanning lines in quotes keeps the line numbers of the rows after it right', () => {
    const text = 'email,name\r\na@example.com,"Line one\r\nline two"\r\nbad-email,x\r\n';
    const result = readRoster(text);
    expect(result.ok ? [] : result.problems).toEqual([
      { line: 4, message: 'email is not a valid email address' },
    ]);
  });

  test('an empty file, a file without an email column and a header without rows are refused on line 1', () => {
    expect(readRoster('').fileProblems).toEqual([
      { line: 1, message: 'the file is empty: it needs a header line and rows' },
    ]);
    expect(readRoster('\uFEFF\r\n').fileProblems).toHaveLength(1);
    expect(readRoster('name,member id\nDana,1\n').fileProblems).toEqual([
      { line: 1, message: 'the header has no "email" column (found: name, member id)' },
    ]);
    expect(readRoster('email,name\n').fileProblems).toEqual([
      { line: 1, message: 'the file has a header but no rows' },
    ]);
  });

  test('two columns meaning the same thing are refused rather than one picked', () => {
    expect(readRoster('email,E-mail\na@example.com,b@example.com\n').fileProblems).toEqual([
      { line: 1, message: 'columns "email" and "E-mail" both mean email' },
    ]);
  });

  test('a row with more values than the header (an unquoted comma) is refused, not shifted', () => {
    const { fileProblems } = readRoster('email,name,member id\na@example.com,Reyes, Dana,M-1\n');
    expect(fileProblems).toEqual([
      {
        line: 2,
        message: '4 values but the header has 3 (put a value that contains a comma in double quotes)',
      },
    ]);
  });

  test('broken quoting is refused with the line where the parser stopped', () => {
    const { fileProblems } = readRoster('email,name\na@example.com,"Dana\n');
    expect(fileProblems).toHaveLength(1);
    expect(fileProblems[0]?.message).toMatch(/not valid CSV/);
  });

  test('any roster written as CSV reads back as the same members, whatever the line ends', () => {
    const member = fc.record(
      {
        // Work addresses as vendors export them (the RFC allows more than a roster ever holds).
        email: fc.stringMatching(
          /^[A-Za-z0-9]([A-Za-z0-9_+'-]{0,10}[A-Za-z0-9])?(\.[A-Za-z0-9_+-]{1,8})?@[a-z0-9][a-z0-9-]{0,10}\.[a-z]{2,6}$/,
        ),
        name: fc.string({ minLength: 1 }).filter((name) => name.trim() === name && name.length > 0),
        memberId: fc.stringMatching(/^[A-Z0-9-]{1,12}$/),
        enrolledOn: fc
          .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((date) => date.toISOString().slice(0, 10)),
      },
      { requiredKeys: ['email'] },
    );
    const roster = fc.uniqueArray(member, {
      minLength: 1,
      maxLength: 20,
      selector: (entry) => entry.email.toLowerCase(),
    });
    fc.assert(
      fc.property(roster, fc.boolean(), fc.boolean(), (members, crlf, bom) => {
        const csv = stringify(
          members.map((entry) => [
            entry.email,
            entry.name ?? '',
            entry.memberId ?? '',
            entry.enrolledOn ?? '',
          ]),
          {
            header: true,
            columns: ['email', 'name', 'member id', 'enrolled on'],
            record_delimiter: crlf ? '\r\n' : '\n',
          },
        );
        const result = readRoster(`${bom ? '\uFEFF' : ''}${csv}`);
        expect(result.fileProblems).toEqual([]);
        expect(result.ok && result.members).toEqual(
          members.map((entry) => ({ ...entry, email: entry.email.toLowerCase() })),
        );
      }),
    );
  });
});
