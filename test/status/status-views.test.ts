import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkMessageBlocks } from '../../src/slack-standin/block-kit-limits.js';
import type {
  OverdueRemoval,
  PersonCase,
  PersonStatus,
  StatusSummary,
  VendorStatus,
} from '../../src/status/status.repository.js';
import {
  formatDollars,
  renderNoEmailForUser,
  renderOverdue,
  renderPersonStatus,
  renderStatusFailure,
  renderStatusHelp,
  renderStatusRefusal,
  renderStatusSummary,
  renderVendorStatus,
  type StatusMessage,
} from '../../src/status/status-views.js';

const view = { now: new Date('2026-11-16T15:00:00Z'), timeZone: 'UTC' };
const hostile = '<!channel> Dana & <@U999> <https://evil.example|click>';
const longName = `${'Bartholomew-'.repeat(200)}<&>`;

/** Every text a person reads in the message, mrkdwn or plain. */
const texts = (blocks: KnownBlock[]): string[] =>
  blocks.flatMap((block) => {
    if (block.type === 'header') return [block.text.text];
    if (block.type === 'section')
      return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)];
    if (block.type === 'context')
      return block.elements.map((element) => ('text' in element ? element.text : ''));
    return [];
  });
const allText = (message: StatusMessage) => texts(message.blocks).join('\n');

const expectWithinLimits = (message: StatusMessage) => {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(checkMessageBlocks(message.blocks, message.text)).toEqual([]);
  for (const block of message.blocks) {
    if (block.type === 'section') {
      expect([...(block.text?.text ?? '')].length).toBeLessThanOrEqual(3000);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
    }
    if (block.type === 'header') expect([...block.text.text].length).toBeLessThanOrEqual(150);
  }
};

const openRemovals = (n: number, name = (i: number) => `Person ${i}`) =>
  Array.from({ length: n }, (_, i) => ({
    caseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    employeeName: name(i),
    lastDay: '2026-10-01',
    dueOn: '2026-10-08',
    overdue: true,
  }));

const vendorStatus = (overrides: Partial<VendorStatus> = {}): VendorStatus => ({
  vendorId: 'one-medical',
  name: 'One Medical',
  annualSeatCostCents: 14900,
  activeSeats: 1234,
  awaitingApproval: 2,
  overdueRemovals: 1,
  openRemovals: { total: 1, items: openRemovals(1) },
  ...overrides,
});

const personCase = (i: number, name = 'Dana Reyes', events = 3, vendors = 2): PersonCase => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  employeeName: name,
  lastDay: '2026-11-02',
  status: 'approved',
  initiatedBy: 'api',
  createdAt: new Date('2026-11-02T10:00:00Z'),
  removals: Array.from({ length: vendors }, (_, v) => ({
    vendorId: `vendor-${v}`,
    vendorName: v === 0 ? 'One Medical' : `${name} Vendor ${v}`,
    status: v === 0 ? 'requested' : 'confirmed',
    dueOn: '2026-11-09',
    overdue: v === 0,
    confirmedBy: v === 0 ? null : 'UIT00001',
    confirmedAt: v === 0 ? null : new Date('2026-11-03T09:30:00Z'),
  })),
  timeline: {
    total: events,
    items: Array.from({ length: Math.min(events, 6) }, (_, e) => ({
      action: e === 0 ? 'case.started' : e === 1 ? 'case.approved' : 'removal.confirmed',
      actor: e === 0 ? 'api' : e === 1 ? 'UHR00001' : 'UIT00001',
      vendorId: e >= 2 ? 'vendor-1' : null,
      occurredAt: new Date(Date.UTC(2026, 10, 2, 10 + e)),
    })),
  },
});

const person = (cases: PersonCase[], total = cases.length): PersonStatus => ({
  email: 'dana.reyes@example.com',
  cases: { total, items: cases },
});

const overdueRemovals = (n: number, name = (i: number) => `Person ${i}`): OverdueRemoval[] =>
  Array.from({ length: n }, (_, i) => ({
    caseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    vendorId: 'betterup',
    vendorName: 'BetterUp',
    employeeName: name(i),
    lastDay: '2026-10-26',
    dueOn: '2026-11-02',
    daysOverdue: 14,
  }));

describe('status views', () => {
  const summary: StatusSummary = {
    awaitingHr: 1,
    awaitingVendors: 3,
    overdueRemovals: 2,
    completedRecently: 1,
    vendors: [
      {
        vendorId: 'one-medical',
        name: 'One Medical',
        openRemovals: 1,
        overdueRemovals: 1,
        activeSeats: 3,
        annualSeatCostCents: 14900,
      },
      {
        vendorId: 'spring-health',
        name: 'Spring Health',
        openRemovals: 1,
        overdueRemovals: 0,
        activeSeats: 2,
        annualSeatCostCents: null,
      },
    ],
  };

  test('money is shown in whole dollars with thousands separators', () => {
    expect(formatDollars(14900)).toBe('$149');
    expect(formatDollars(123_456_789)).toBe('$1,234,568');
    expect(formatDollars(0)).toBe('$0');
  });

  test('the summary shows each count, each vendor with seats and a known seat cost, and a fallback text', () => {
    const message = renderStatusSummary(summary, view);
    expectWithinLimits(message);
    const text = allText(message);
    expect(text).toContain('*Awaiting HR approval*\n1');
    expect(text).toContain('*Awaiting vendors*\n3');
    expect(text).toContain('*Overdue removals*\n:warning: 2');
    expect(text).toContain('*Completed, last 30 days*\n1');
    expect(text).toContain(
      '*One Medical* `one-medical` · 1 open removal · :warning: 1 overdue · 3 active seats · $447 a year',
    );
    expect(text).toContain(
      '*Spring Health* `spring-health` · 1 open removal · 0 overdue · 2 active seats · seat cost not known',
    );
    expect(text).toContain('As of 2026-11-16 15:00 UTC');
    expect(message.text).toBe(
      'Benefits offboarding: 1 awaiting HR, 3 awaiting vendors, 2 overdue removals, 1 completed in the last 30 days.',
    );
  });

  test('a summary over 300 vendors with hostile names stays within the limits and says how many more', () => {
    const vendors = Array.from({ length: 300 }, (_, i) => ({
      ...summary.vendors[0],
      vendorId: `vendor-${i}`,
      name: i % 2 ? hostile : longName,
      openRemovals: 1,
      overdueRemovals: 0,
      activeSeats: 0,
      annualSeatCostCents: null,
    }));
    const message = renderStatusSummary({ ...summary, vendors }, view);
    expectWithinLimits(message);
    expect(allText(message)).toMatch(/…and \d+ more vendors/);
  });

  test('dates and times are shown in the business time zone', () => {
    const message = renderPersonStatus(person([personCase(1)]), {
      now: new Date('2026-11-16T03:00:00Z'),
      timeZone: 'America/New_York',
    });
    const text = allText(message);
    expect(text).toContain('2026-11-02 05:00 EST · the HR system started the case');
    expect(text).toContain('As of 2026-11-15 22:00 EST');
  });

  test("a person's case shows each vendor's removal and the timeline, naming people by mention", () => {
    const message = renderPersonStatus(person([personCase(1, 'Dana Reyes', 8)]), view);
    expectWithinLimits(message);
    const text = allText(message);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Offboarding of Dana Reyes' } });
    expect(text).toContain('*Dana Reyes* · last day 2026-11-02 · *Awaiting vendors*');
    expect(text).toContain('• *One Medical*: requested, due 2026-11-09 · :warning: overdue 7 days');
    expect(text).toContain('confirmed by <@UIT00001> at 2026-11-03 09:30 UTC');
    expect(text).toContain('_…2 earlier events_');
    expect(text).toContain('<@UHR00001> approved');
    expect(message.text).toBe('Offboarding of Dana Reyes: 1 case (latest: Awaiting vendors).');
  });

  test('someone with no case is told so', () => {
    const message = renderPersonStatus(person([]), view);
    expectWithinLimits(message);
    expect(message.text).toBe('No offboarding case for dana.reyes@example.com.');
  });

  test('a person with 30 long cases still renders within 50 blocks and says how many older cases are left out', () => {
    const cases = Array.from({ length: 30 }, (_, i) => personCase(i, i % 2 ? hostile : longName, 40, 25));
    const message = renderPersonStatus(person(cases), view);
    expectWithinLimits(message);
    const shown = message.blocks.filter(
      (block) => block.type === 'section' && block.text?.text.includes('last day'),
    );
    expect(shown.length).toBeGreaterThan(5);
    expect(allText(message)).toContain(`_…and ${30 - shown.length} more cases_`);
    expect(allText(message)).toContain('_…and 15 more vendors_');
  });

  test('a vendor with 500 open removals still renders within 50 blocks and 3000 characters a section', () => {
    const message = renderVendorStatus(
      vendorStatus({ overdueRemovals: 500, openRemovals: { total: 500, items: openRemovals(500) } }),
      view,
    );
    expectWithinLimits(message);
    const text = allText(message);
    expect(text).toContain('*Open removals*\n500');
    expect(text).toContain('*Annual seat cost*\n$183,866 ($149 a seat)');
    expect(text).toContain('• *Person 0* · last day 2026-10-01 · due 2026-10-08 · :warning: overdue 39 days');
    expect(text).toContain('_…and 450 more removals_');
  });

  test('a vendor list cut by the repository still says how many removals are not shown', () => {
    const message = renderVendorStatus(
      vendorStatus({ openRemovals: { total: 73, items: openRemovals(20) } }),
      view,
    );
    expectWithinLimits(message);
    expect(allText(message)).toContain('_…and 53 more removals_');
  });

  test('a vendor with no open removal and an unknown seat cost says both', () => {
    const message = renderVendorStatus(
      vendorStatus({ annualSeatCostCents: null, overdueRemovals: 0, openRemovals: { total: 0, items: [] } }),
      view,
    );
    expectWithinLimits(message);
    expect(allText(message)).toContain('*Annual seat cost*\nNot known');
    expect(allText(message)).toContain('No open removals at One Medical.');
  });

  test('the overdue list shows days overdue and stays within the limits however long it is', () => {
    const few = renderOverdue({ total: 2, items: overdueRemovals(2) }, view);
    expectWithinLimits(few);
    expect(allText(few)).toContain(
      '• *Person 0* at *BetterUp* · due 2026-11-02 · :warning: 14 days overdue · last day 2026-10-26',
    );
    const many = renderOverdue({ total: 5000, items: overdueRemovals(500, () => longName) }, view);
    expectWithinLimits(many);
    expect(allText(many)).toMatch(/_…and 4,9\d\d more removals_/);
    expect(renderOverdue({ total: 0, items: [] }, view).text).toBe('No vendor removal is overdue.');
  });

  test('names from outside are escaped for mrkdwn everywhere they appear', () => {
    const messages = [
      renderPersonStatus(person([personCase(1, hostile)]), view),
      renderVendorStatus(
        vendorStatus({ name: hostile, openRemovals: { total: 1, items: openRemovals(1, () => hostile) } }),
        view,
      ),
      renderOverdue({ total: 1, items: overdueRemovals(1, () => hostile) }, view),
      renderStatusSummary(
        { ...summary, vendors: [{ ...summary.vendors[0], vendorId: 'x-y', name: hostile } as never] },
        view,
      ),
      renderStatusHelp({ unrecognised: hostile, vendors: [{ id: 'x-y', name: hostile }] }),
    ];
    for (const message of messages) {
      const mrkdwn = message.blocks
        .filter((block) => block.type !== 'header')
        .flatMap((block) => texts([block]))
        .join('\n');
      expect(mrkdwn).not.toContain('<!channel>');
      expect(mrkdwn).not.toContain('<@U999>');
      expect(mrkdwn).not.toContain('<https://evil');
      expect(`${mrkdwn}\n${message.text}`).not.toMatch(/<(?!@U[HI][RT]00001>)/);
    }
    expect(allText(messages[0] as StatusMessage)).toContain('&lt;!channel&gt; Dana &amp; &lt;@U999&gt;');
  });

  test('help names what it did not understand and lists the vendor ids', () => {
    const message = renderStatusHelp({
      unrecognised: 'acme',
      vendors: [
        { id: 'betterup', name: 'BetterUp' },
        { id: 'one-medical', name: 'One Medical' },
      ],
    });
    expectWithinLimits(message);
    expect(allText(message)).toContain("I didn't understand `acme`.");
    expect(allText(message)).toContain('`one-medical` One Medical');
    expect(allText(renderStatusHelp({ vendors: [] }))).not.toContain("didn't understand");
    expect(allText(renderStatusHelp({ unrecognised: '@dana', vendors: [] }))).toContain(
      'give their email instead',
    );
    expectWithinLimits(
      renderStatusHelp({
        unrecognised: longName,
        vendors: Array.from({ length: 400 }, (_, i) => ({ id: `vendor-${i}`, name: longName })),
      }),
    );
  });

  test('refusal, missing email and failure answers are short and within the limits', () => {
    const refusal = renderStatusRefusal({ hr: '<@UHR00001>, <!subteam^S123>', it: '' });
    expectWithinLimits(refusal);
    expect(refusal.text).toBe(
      'Only HR approvers (<@UHR00001>, <!subteam^S123>) and IT confirmers (none configured) may use `/benefits-status`.',
    );
    expectWithinLimits(renderNoEmailForUser('U123ABC'));
    expect(renderNoEmailForUser('U123ABC').text).toContain('<@U123ABC> has no email address');
    expectWithinLimits(renderStatusFailure());
  });

  test('whatever the names and list sizes, every answer stays within the Block Kit limits', () => {
    const name = fc.string({ unit: 'grapheme', maxLength: 400 });
    fc.assert(
      fc.property(name, fc.nat(600), fc.nat(40), fc.nat(30), (text, removals, cases, vendors) => {
        expectWithinLimits(
          renderVendorStatus(
            vendorStatus({
              name: text,
              openRemovals: { total: removals * 3, items: openRemovals(removals, () => text) },
            }),
            view,
          ),
        );
        expectWithinLimits(
          renderPersonStatus(
            person(Array.from({ length: cases }, (_, i) => personCase(i, text, 12, vendors))),
            view,
          ),
        );
        expectWithinLimits(
          renderOverdue({ total: removals, items: overdueRemovals(removals, () => text) }, view),
        );
      }),
      { numRuns: 40 },
    );
  });
});
