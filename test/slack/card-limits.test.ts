import { beforeEach, describe, expect, test } from 'vitest';
import type { VendorRow } from '../../src/db/schema.js';
import type { CaseRecord } from '../../src/offboarding/offboarding.repository.js';
import { CardAction, renderOffboardingCard } from '../../src/offboarding/offboarding-card.js';
import { MAX_VENDORS_PER_CASE } from '../../src/offboarding/offboarding-input.js';
import { Field } from '../../src/offboarding/offboarding-modals.js';
import { blockKitLimits, checkMessageBlocks } from '../../src/slack-standin/block-kit-limits.js';
import { evidence, it as itConfirmer } from '../support/actors.js';
import { buttonLabels, channel, type Harness, people, useHarness } from '../support/slack-harness.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';
import { click, rowCounts, startCase } from './offboarding-steps.js';

/** Text of exactly `length` characters that Slack's mrkdwn escaping makes as long as it can (& → &amp;). */
const hostile = (prefix: string, length: number) => `${prefix} ${'&<>'.repeat(length)}`.slice(0, length);

const caseId = '6f1c2e9a-4b7d-4e21-9a3c-5d8e7f6a1b20';
const vendorCount = MAX_VENDORS_PER_CASE;
const longVendorId = (index: number) => `v${String(index).padStart(2, '0')}-${'x'.repeat(59)}`;

const vendorRows: VendorRow[] = Array.from({ length: vendorCount }, (_, index) => ({
  id: longVendorId(index),
  name: hostile(`Vendor ${index}`, 80),
  benefit: hostile('Benefit', 80),
  removalPath: 'broker',
  removalPathNote: hostile('Note', 1000),
  contact: hostile('contact', 300),
  slaBusinessDays: 5,
  annualSeatCostCents: 14_900,
  seatCostNote: hostile('Cost', 300),
  checklist: Array.from({ length: 10 }, (_, item) =>
    hostile(`Review integrations and credentials ${item}`, 300),
  ),
  active: true,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
}));

const at = new Date('2026-11-20T15:04:00Z');
const longEvidence = {
  evidenceReference: hostile('REF', 200),
  evidenceVendorContact: hostile('Jamie', 200),
  evidenceConfirmedOn: '2026-11-20',
  evidenceNote: hostile('note', 1000),
};

type RemovalState = 'awaiting' | 'requested' | 'overdue' | 'confirmed' | 'withdrawn';
const removalStatus = {
  awaiting: 'awaiting_approval',
  requested: 'requested',
  overdue: 'requested',
  confirmed: 'confirmed',
  withdrawn: 'withdrawn',
} as const;
const noEvidence = {
  evidenceReference: null,
  evidenceVendorContact: null,
  evidenceConfirmedOn: null,
  evidenceNote: null,
};

const removal = (vendor: VendorRow, index: number, state: RemovalState): CaseRecord['removals'][number] => {
  const requested = state !== 'awaiting';
  return {
    id: index + 1,
    caseId,
    vendorId: vendor.id,
    vendor,
    status: removalStatus[state],
    dueOn: requested ? (state === 'overdue' ? '2026-11-02' : '2026-12-04') : null,
    requestedAt: requested ? at : null,
    confirmedBy: state === 'confirmed' ? people.ivan.id : null,
    confirmedAt: state === 'confirmed' ? at : null,
    ...(state === 'confirmed' ? longEvidence : noEvidence),
  };
};

const largestCase = (
  status: CaseRecord['status'],
  removalState: (index: number) => RemovalState,
  closedReason: string | null = null,
): CaseRecord => ({
  id: caseId,
  employeeEmail: `${'a'.repeat(64)}@${'b'.repeat(60)}.example.com`,
  employeeName: hostile('Dana', 200),
  lastDay: '2026-11-27',
  status,
  initiatedBy: people.harriet.id,
  source: 'reconcile',
  externalId: hostile('HRIS', 200),
  decidedBy: status === 'awaiting_hr' ? null : people.hugo.id,
  decidedAt: status === 'awaiting_hr' ? null : at,
  closedReason,
  completedAt: status === 'completed' ? at : null,
  slackChannel: channel,
  slackTs: '1700000000.000100',
  createdAt: at,
  updatedAt: at,
  removals: vendorRows.map((vendor, index) => removal(vendor, index, removalState(index))),
});

const reason = hostile('Resignation withdrawn', 1000);
const states: [string, CaseRecord][] = [
  ['awaiting HR', largestCase('awaiting_hr', () => 'awaiting')],
  ['approved, some overdue', largestCase('approved', (index) => (index % 2 ? 'overdue' : 'requested'))],
  ['partly confirmed', largestCase('approved', (index) => (index < 10 ? 'confirmed' : 'requested'))],
  ['confirmed but one', largestCase('approved', (index) => (index === 0 ? 'overdue' : 'confirmed'))],
  ['completed', largestCase('completed', () => 'confirmed')],
  ['rejected with a 1000-character reason', largestCase('rejected', () => 'withdrawn', reason)],
  [
    'cancelled after some confirmations',
    largestCase('cancelled', (index) => (index < 10 ? 'confirmed' : 'withdrawn'), reason),
  ],
];

describe('the largest card we allow, rendered', () => {
  test.each(states)('fits every Block Kit limit when %s', (_state, record) => {
    const card = renderOffboardingCard(record, { timeZone: 'UTC', today: '2026-11-20' });
    expect(checkMessageBlocks(card.blocks, card.text)).toEqual([]);
    expect(card.blocks.length).toBeLessThanOrEqual(blockKitLimits.messageBlocks);
    // Every vendor is still on the card: nothing was dropped to make it fit.
    for (const vendor of vendorRows) expect(JSON.stringify(card.blocks)).toContain(`removal:${vendor.id}`);
  });

  test('an approved card carries a confirm button for each of its twenty open vendors', () => {
    const [, approved] = states[1] as [string, CaseRecord];
    const card = renderOffboardingCard(approved, { timeZone: 'UTC', today: '2026-11-20' });
    expect(buttonLabels(card.blocks).filter((label) => label === 'Vendor confirmed removal')).toHaveLength(
      vendorCount,
    );
  });
});

describe.each(databaseTargets())('the largest card through Slack on $label', ({ open }) => {
  let _database: TestDatabase;
  let harness: Harness;
  const vendorIds = vendorRows.map((vendor) => vendor.id);
  const largest = {
    email: `${'a'.repeat(64)}@${'b'.repeat(60)}.example.com`,
    name: hostile('Dana', 200),
    lastDay: '2026-11-27',
    vendors: vendorIds,
  };

  useHarness(open, (openedDatabase, startedHarness) => {
    _database = openedDatabase;
    harness = startedHarness;
  });
  beforeEach(async () => {
    for (const { createdAt: _created, updatedAt: _updated, ...vendor } of vendorRows) {
      await harness.services.vendors.save(vendor);
    }
    harness.standin.webApi.clearCalls();
  });

  /** Slack refuses a message over any Block Kit limit: every card post and edit must have been accepted. */
  const expectSlackAcceptedEveryCard = () => {
    const writes = [
      ...harness.standin.webApi.calls('chat.postMessage'),
      ...harness.standin.webApi.calls('chat.update'),
      ...harness.standin.webApi.calls('chat.postEphemeral'),
    ];
    expect(writes.length).toBeGreaterThan(0);
    for (const call of writes) expect(call.result).toMatchObject({ ok: true });
  };

  test('Slack accepts the 20-vendor card in every state it goes through, and its removal-request draft', async () => {
    const id = await startCase(harness, { ...largest, externalId: hostile('HRIS', 200) });
    await click(harness, people.harriet.id, id, CardAction.approve);
    expect(buttonLabels((await harness.card(id)).blocks)).toHaveLength(2 * vendorCount);
    await click(harness, people.ivan.id, id, CardAction.draftRequest, `${id}:${vendorIds[0]}`);
    expect(harness.standin.workspace.ephemeralsFor(people.ivan.id).at(-1)?.text).toContain(
      'Draft removal request',
    );

    const long = {
      ...evidence(hostile('REF', 200)),
      vendorContact: hostile('Jamie', 200),
      note: hostile('n', 1000),
    };
    for (const vendorId of vendorIds.slice(0, 10)) {
      await harness.services.offboarding.confirmRemoval(id, vendorId, long, itConfirmer(people.ivan.id));
    }
    await harness.settle();
    expect(buttonLabels((await harness.card(id)).blocks)).toHaveLength(vendorCount);
    for (const vendorId of vendorIds.slice(10)) {
      await harness.services.offboarding.confirmRemoval(id, vendorId, long, itConfirmer(people.ivan.id));
    }
    await harness.settle();
    expect((await harness.services.offboarding.getCase(id))?.status).toBe('completed');
    expect(buttonLabels((await harness.card(id)).blocks)).toEqual([]);
    expectSlackAcceptedEveryCard();
    expect(harness.standin.webApi.calls('chat.update').length).toBeGreaterThanOrEqual(3);
  });

  test('Slack accepts the 20-vendor card rejected with a 1000-character reason', async () => {
    const id = await startCase(harness, largest);
    await click(harness, people.hugo.id, id, CardAction.reject);
    const outcome = await harness.standin.interactions.submitView({
      user: people.hugo.id,
      values: { [Field.reason.block]: { [Field.reason.action]: reason } },
    });
    expect(outcome.result).toBe('closed');
    await harness.settle();
    const card = await harness.card(id);
    expect(JSON.stringify(card.blocks)).toContain('Rejected');
    expect(card.replies.at(-1)).toMatch(new RegExp(`^Rejected by <@${people.hugo.id}>: Resignation`));
    expectSlackAcceptedEveryCard();
  });

  test('a webhook naming 21 vendors gets 400 naming vendors, and writes nothing', async () => {
    const response = await harness.webhook({ ...largest, vendors: [...vendorIds, 'betterup'] });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields as object)).toEqual(['vendors']);
    expect(await rowCounts(harness)).toEqual({ cases: 0, auditEvents: 0 });
    expect(harness.standin.webApi.calls('chat.postMessage')).toEqual([]);
  });

  test('a webhook whose email is on 21 rosters is refused with 400, not started with a card Slack would refuse', async () => {
    await harness.services.db.transaction(async (tx) => {
      for (const vendorId of [...vendorIds, 'betterup']) {
        await harness.services.roster.replace(tx, vendorId, [{ email: largest.email }], new Date());
      }
    });
    const { vendors: _vendors, ...fromRosters } = largest;
    const response = await harness.webhook(fromRosters);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.fields)).toContain(`at most ${MAX_VENDORS_PER_CASE} vendors`);
    expect(await rowCounts(harness)).toEqual({ cases: 0, auditEvents: 0 });
    expect(harness.standin.webApi.calls('chat.postMessage')).toEqual([]);
  });
});
