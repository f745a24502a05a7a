import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createServices, type Services } from '../../src/services.js';
import { applyVendorCatalog } from '../../src/vendors/apply-vendor-catalog.js';
import { parseVendorCatalog } from '../../src/vendors/vendor-catalog.js';
import { hrSystem } from '../support/actors.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';

const catalog = `
vendors:
  - id: one-medical
    contact: renewals@broker.example
    slaBusinessDays: 3
  - id: lyra-health
    name: Lyra Health
    benefit: Mental health
    removalPath: customer_success
    removalPathNote: Email the Lyra account manager; no admin console.
    annualSeatCost: 120
    checklist:
      - Ask the account manager to end eligibility
      - Review integrations and service credentials
`;

describe('vendor catalog file', () => {
  test('names every bad entry at once', () => {
    const bad = `
vendors:
  - id: Bad Id
  - id: acme
    removalPath: carrier-pigeon
    slaBusinessDays: 0
`;
    expect(() => parseVendorCatalog(bad, 'catalog.yml')).toThrow(
      /vendors\.0\.id[\s\S]*vendors\.1\.removalPath[\s\S]*vendors\.1\.slaBusinessDays/,
    );
  });

  test('refuses unknown fields and a vendor listed twice', () => {
    expect(() => parseVendorCatalog('vendors:\n  - id: betterup\n    slaDays: 3\n', 'x')).toThrow(/slaDays/);
    expect(() => parseVendorCatalog('vendors:\n  - id: betterup\n  - id: betterup\n', 'x')).toThrow(
      /more than once/,
    );
  });
});

describe.each(databaseTargets())('applying the vendor catalog on $label', ({ open }) => {
  let database: TestDatabase;
  let services: Services;
  const now = new Date('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    database = await open();
    services = createServices({ db: database.db, timeZone: 'UTC', clock: () => now });
  });
  afterAll(async () => database?.close());
  beforeEach(async () => database.reset());

  const apply = (text: string) =>
    applyVendorCatalog({ ...services, now }, parseVendorCatalog(text, 'catalog.yml'));

  test('overrides only the given fields of a seeded vendor, adds a new one, and audits both', async () => {
    expect(await apply(catalog)).toEqual({ added: ['lyra-health'], updated: ['one-medical'] });
    const oneMedical = await services.vendors.findById('one-medical');
    expect(oneMedical).toMatchObject({
      contact: 'renewals@broker.example',
      slaBusinessDays: 3,
      name: 'One Medical',
      annualSeatCostCents: 14900,
    });
    expect((await services.vendors.findById('lyra-health'))?.annualSeatCostCents).toBe(12000);
    const events = [];
    for await (const event of services.ledger.events())
      events.push([event.action, event.vendorId, event.details]);
    expect(events).toEqual([
      [
        'vendor.updated',
        'one-medical',
        { changed: ['contact', 'slaBusinessDays'], source: 'vendor catalog' },
      ],
      ['vendor.added', 'lyra-health', expect.objectContaining({ source: 'vendor catalog' })],
    ]);
  });

  test('a vendor added by configuration can be named in a case and gets its own SLA', async () => {
    await apply(catalog);
    const { case: started } = await services.offboarding.startCase(
      {
        employeeEmail: 'kai@example.com',
        employeeName: 'Kai',
        lastDay: '2026-11-23',
        vendorIds: ['lyra-health', 'one-medical'],
        source: 'webhook',
      },
      hrSystem,
    );
    const { case: approved } = await services.offboarding.approve(started.id, {
      id: 'UHR1',
      isHrApprover: true,
      isItConfirmer: false,
    });
    expect(Object.fromEntries(approved.removals.map((removal) => [removal.vendorId, removal.dueOn]))).toEqual(
      {
        'lyra-health': '2026-11-30',
        'one-medical': '2026-11-26',
      },
    );
  });

  test('a new vendor missing required fields applies nothing at all', async () => {
    await expect(
      apply('vendors:\n  - id: betterup\n    contact: cs@x.example\n  - id: acme-dental\n    name: Acme\n'),
    ).rejects.toThrow(/acme-dental is new, so it needs: benefit, removalPath, removalPathNote, checklist/);
    expect((await services.vendors.findById('betterup'))?.contact).toBeNull();
    expect(await services.vendors.findById('acme-dental')).toBeUndefined();
  });

  test('applying the same catalog again changes nothing and writes no event', async () => {
    await apply(catalog);
    await apply(catalog);
    let count = 0;
    for await (const _ of services.ledger.events()) count += 1;
    expect(count).toBe(2);
  });
});
