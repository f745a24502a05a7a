import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { looksLikeEmail, parseStatusQuery } from '../../src/status/status-query.js';

const vendorIds = ['spring-health', 'betterup', 'one-medical'];
const parse = (text: string) => parseStatusQuery(text, vendorIds);

describe('parsing /benefits-status', () => {
  test('no argument, or only spaces, asks for the summary', () => {
    expect(parse('')).toEqual({ kind: 'summary' });
    expect(parse('   \t ')).toEqual({ kind: 'summary' });
  });

  test('an email in any letter case asks for that person, lower-cased', () => {
    expect(parse('Dana.Reyes@Example.com')).toEqual({ kind: 'person', email: 'dana.reyes@example.com' });
    expect(parse('  dana+work@example.co.uk ')).toEqual({ kind: 'person', email: 'dana+work@example.co.uk' });
  });

  test('an email Slack escaped as a mailto link asks for that person', () => {
    expect(parse('<mailto:Dana@Example.com|Dana@Example.com>')).toEqual({
      kind: 'person',
      email: 'dana@example.com',
    });
    expect(parse('<mailto:dana@example.com>')).toEqual({ kind: 'person', email: 'dana@example.com' });
  });

  test('a Slack mention, with or without a name, asks for that user', () => {
    expect(parse('<@U123ABC>')).toEqual({ kind: 'mention', userId: 'U123ABC' });
    expect(parse('<@U123ABC|dana>')).toEqual({ kind: 'mention', userId: 'U123ABC' });
    expect(parse('<@W0ENTERPRISE|Dana Reyes>')).toEqual({ kind: 'mention', userId: 'W0ENTERPRISE' });
  });

  test('a vendor id from the catalog, in any letter case, asks for that vendor', () => {
    expect(parse('one-medical')).toEqual({ kind: 'vendor', vendorId: 'one-medical' });
    expect(parse(' BetterUp ')).toEqual({ kind: 'vendor', vendorId: 'betterup' });
  });

  test('"overdue" asks for the overdue list', () => {
    expect(parse('overdue')).toEqual({ kind: 'overdue' });
    expect(parse(' OVERDUE ')).toEqual({ kind: 'overdue' });
  });

  test('"help" asks for help without complaint; anything else gets help naming what was typed', () => {
    expect(parse('help')).toEqual({ kind: 'help' });
    expect(parse('acme-dental')).toEqual({ kind: 'help', unrecognised: 'acme-dental' });
    expect(parse('@dana')).toEqual({ kind: 'help', unrecognised: '@dana' });
    expect(parse('dana@example')).toEqual({ kind: 'help', unrecognised: 'dana@example' });
    expect(parse('<@C123ABC>')).toEqual({ kind: 'help', unrecognised: '<@C123ABC>' });
    expect(parse('<#C123|general>')).toEqual({ kind: 'help', unrecognised: '<#C123|general>' });
    expect(parse('overdue one-medical')).toEqual({ kind: 'help', unrecognised: 'overdue one-medical' });
    expect(parse('dana@example.com lee@example.com')).toMatchObject({ kind: 'help' });
  });

  const isAForm = (text: string) => {
    const input = text.trim();
    const lowered = input.toLowerCase();
    return (
      input === '' ||
      ['overdue', 'help', '?'].includes(lowered) ||
      vendorIds.includes(lowered) ||
      /^<@[UW][A-Z0-9]+(\|[^<>]*)?>$/.test(input) ||
      looksLikeEmail(input) ||
      looksLikeEmail(/^<mailto:([^|<>\s]+)(\|[^<>]*)?>$/i.exec(input)?.[1] ?? '')
    );
  };

  // Near misses: pieces of every form, put together at random.
  const fragments = fc
    .array(
      fc.constantFrom(
        '<',
        '>',
        '@',
        '|',
        '<@',
        'U12AB',
        'W9',
        'mailto:',
        'overdue',
        'one-medical',
        ' ',
        '.',
        'x',
        'example.com',
        'Dana',
      ),
      { maxLength: 8 },
    )
    .map((pieces) => pieces.join(''));

  test('any text at all parses without throwing, and is help unless it has one of the forms', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fragments),
        (text) => {
          const query = parse(text);
          if (!isAForm(text)) expect(query).toEqual({ kind: 'help', unrecognised: text.trim() });
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('whatever surrounds a form in spaces, or however its letters are cased, it is still that form', () => {
    const spaces = fc.stringMatching(/^[ \t\n]{0,3}$/);
    const form = fc.oneof(
      fc
        .emailAddress()
        .map((email) => ({ text: email, expected: { kind: 'person', email: email.toLowerCase() } })),
      fc
        .tuple(fc.stringMatching(/^[UW][A-Z0-9]{2,12}$/), fc.option(fc.stringMatching(/^[a-z .]{1,20}$/)))
        .map(([id, name]) => ({
          text: name === null ? `<@${id}>` : `<@${id}|${name}>`,
          expected: { kind: 'mention', userId: id },
        })),
      fc
        .constantFrom(...vendorIds)
        .map((id) => ({ text: id.toUpperCase(), expected: { kind: 'vendor', vendorId: id } })),
      fc.constant({ text: 'Overdue', expected: { kind: 'overdue' } }),
    );
    fc.assert(
      fc.property(spaces, form, spaces, (before, { text, expected }, after) => {
        expect(parse(`${before}${text}${after}`)).toEqual(expected);
      }),
    );
  });
});
