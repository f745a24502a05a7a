import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { sandboxPeople } from '../../src/sandbox/sandbox-people.js';
import { repositoryRoot, type SandboxProcess, startSandboxProcess } from './support/sandbox-process.js';

// The whole product as a new user meets it: `npm start` with no Slack token and no database server, then a
// real browser on the page. Debian's Chromium only; a browser is never downloaded.

// The page updates asynchronously (server-sent events): every check waits up to ten seconds.
const WAIT = { timeout: 10_000 };
const POLL = { timeout: 10_000, interval: 100 };
const screenshots = join(repositoryRoot, 'test-results/sandbox');
const seededEmployees = ['Marco Silva', 'Sam Lee', 'Jo Kim', 'Priya Natarajan', 'Dana Reyes'];

let sandbox: SandboxProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const browserErrors: string[] = [];

const channelMessages = () => page.locator('#messages > article:not([data-ephemeral])');
const cardOf = (employee: string) => channelMessages().filter({ hasText: `Offboarding: ${employee}` });
const ephemeral = (text: string) =>
  page.locator('#messages > article[data-ephemeral]').filter({ hasText: text });
const dialog = (title: string) => page.getByRole('dialog', { name: title });
const actAs = (person: keyof typeof sandboxPeople) =>
  page.getByRole('combobox', { name: 'Acting as' }).selectOption(sandboxPeople[person].id);
const runCommand = async (text: string) => {
  await page.getByRole('textbox', { name: 'Message 🔒 offboarding' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
};

// playwright-core has no `expect`: these wait on locators through vitest's expect.poll.
const textOf = (locator: Locator) => () => locator.textContent({ timeout: 2000 });
const countOf = (locator: Locator) => () => locator.count();
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', ...WAIT });
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden', ...WAIT });

/** A `:code:` the page has no emoji for would show as typed. */
const expectEmojiRendered = async (card: Locator) => expect.poll(textOf(card), POLL).not.toMatch(/:[a-z_]+:/);

/** The page redraws the channel on every change, so an element can be replaced while it is photographed. */
const screenshot = async (locator: Locator, file: string) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await locator.screenshot({ path: join(screenshots, file) });
      return;
    } catch (error) {
      if (attempt === 3 || !/not attached/i.test((error as Error).message)) throw error;
    }
  }
};

/** The date before today in UTC, the sandbox's business time zone: always a valid confirmation date. */
const yesterday = () => new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

const confirmRemoval = async (
  card: Locator,
  vendorId: string,
  evidence: { reference: string; vendorContact: string; confirmedOn: string },
) => {
  await card
    .locator(`[data-block-id="removal-actions:${vendorId}"]`)
    .getByRole('button', { name: 'Vendor confirmed removal' })
    .click();
  const modal = dialog('Vendor confirmation');
  await modal.getByLabel("Vendor's reference or ticket").fill(evidence.reference);
  await modal.getByLabel('Who at the vendor confirmed').fill(evidence.vendorContact);
  await modal.getByLabel('Date the vendor confirmed').fill(evidence.confirmedOn);
  await modal.getByRole('button', { name: 'Record removal' }).click();
  await modal.waitFor({ state: 'detached', ...WAIT });
};

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  sandbox = await startSandboxProcess();
  try {
    await sandbox.healthy(30_000);
    const healthyAfter = performance.now() - sandbox.spawnedAt;

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => browserErrors.push(`page error: ${error.message}`));

    await page.goto(sandbox.url);
    for (const employee of seededEmployees) await cardOf(employee).waitFor({ timeout: 30_000 });
    expect(await channelMessages().count()).toBe(seededEmployees.length);
    const usableAfter = performance.now() - sandbox.spawnedAt;
    console.log(
      `sandbox start-up: /healthz after ${(healthyAfter / 1000).toFixed(1)} s, ` +
        `page usable (five seeded cards) after ${(usableAfter / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    console.error(`sandbox output:\n${sandbox.output()}`);
    throw error;
  }
}, 90_000);

afterEach(() => {
  const errors = browserErrors.splice(0);
  expect(errors, 'the page logged errors').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
}, 30_000);

describe('the sandbox in a browser', () => {
  test('an HR-system case goes from start to complete: refused without a role, approved by HR, confirmed by IT', {
    timeout: 120_000,
  }, async () => {
    const email = `rosa.diaz.${Date.now()}@acme.example`;
    const hrSystem = page.getByRole('form', { name: 'Simulate HR system' });
    await hrSystem.getByLabel('Email').fill(email);
    await hrSystem.getByLabel('Name', { exact: true }).fill('Rosa Diaz');
    await hrSystem.getByLabel('spring-health').check();
    await hrSystem.getByLabel('betterup').uncheck();
    await hrSystem.getByLabel('one-medical').check();
    await hrSystem.getByRole('button', { name: 'Send to webhook' }).click();

    const card = cardOf('Rosa Diaz');
    await expect.poll(countOf(card), POLL).toBe(1);
    await expect.poll(textOf(card), POLL).toContain('Awaiting HR approval');
    await expect.poll(textOf(card), POLL).toContain(email);
    await expect.poll(textOf(card), POLL).toContain('Spring Health');
    await expect.poll(textOf(card), POLL).toContain('One Medical');
    await expect.poll(textOf(card), POLL).not.toContain('BetterUp');
    // The "started" note arrives in the thread after the card: once it is there the card has settled.
    await visible(card.getByRole('button', { name: '1 reply' }));
    await screenshot(card, 'card-before.png');
    await expectEmojiRendered(card);

    await actAs('nora');
    await card.getByRole('button', { name: 'Approve' }).click();
    await visible(ephemeral('Only HR approvers may approve'));
    await visible(card.getByRole('button', { name: 'Approve' }));
    await expect.poll(textOf(card), POLL).toContain('Awaiting HR approval');

    await actAs('harriet');
    await expect.poll(countOf(ephemeral('Only HR approvers')), POLL).toBe(0);
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(countOf(card.getByRole('button', { name: 'Vendor confirmed removal' })), POLL).toBe(2);
    await expect.poll(countOf(card.getByRole('button', { name: 'Approve' })), POLL).toBe(0);
    await expect.poll(textOf(card), POLL).toContain('Approved by @Harriet Okafor');
    await expectEmojiRendered(card);

    await actAs('ivan');
    const confirmedOn = yesterday();
    await confirmRemoval(card, 'spring-health', {
      reference: 'SH-7731',
      vendorContact: 'Jamie Ortiz',
      confirmedOn,
    });
    await expect.poll(countOf(card.getByRole('button', { name: 'Vendor confirmed removal' })), POLL).toBe(1);
    await expect
      .poll(textOf(card), POLL)
      .toContain(`ref SH-7731, confirmed by Jamie Ortiz on ${confirmedOn}`);

    await confirmRemoval(card, 'one-medical', {
      reference: 'OM-90412',
      vendorContact: 'Broker renewals desk',
      confirmedOn,
    });
    await expect.poll(textOf(card), POLL).toContain('Complete: every vendor confirmed the removal');
    await expect
      .poll(textOf(card), POLL)
      .toContain(`ref OM-90412, confirmed by Broker renewals desk on ${confirmedOn}`);
    await expect.poll(countOf(card.locator('[data-action-id]')), POLL).toBe(0);
    await expectEmojiRendered(card);

    await card.getByRole('button', { name: '4 replies' }).click(WAIT);
    const thread = page.getByRole('complementary', { name: 'Thread' });
    const replies = thread.locator('.thread-messages > .thread-divider ~ article');
    await expect.poll(countOf(replies), POLL).toBe(4);
    await expect
      .poll(textOf(replies.nth(0)), POLL)
      .toContain('Started by the HR system — vendors: Spring Health, One Medical');
    await expect
      .poll(textOf(replies.nth(1)), POLL)
      .toContain('Approved by @Harriet Okafor — removal requested at');
    await expect
      .poll(textOf(replies.nth(2)), POLL)
      .toContain('Spring Health removal confirmed by @Ivan Petrov — ref SH-7731');
    await expect
      .poll(textOf(replies.nth(3)), POLL)
      .toContain('One Medical removal confirmed by @Ivan Petrov — ref OM-90412');
    await expect
      .poll(textOf(replies.nth(3)), POLL)
      .toContain('Every vendor confirmed: offboarding complete.');

    await screenshot(card, 'card-after.png');
    await page.screenshot({ path: join(screenshots, 'page-after.png') });
    await thread.getByRole('button', { name: 'Close thread' }).click();
    await hidden(thread);

    await actAs('harriet');
    await runCommand('/benefits-status');
    const summary = ephemeral('Benefits offboarding status');
    await visible(summary);
    await expect.poll(textOf(summary), POLL).toContain('Awaiting HR approval');
    await expect.poll(textOf(summary), POLL).toContain('By vendor');

    await actAs('nora');
    await runCommand('/benefits-status');
    await visible(ephemeral('may use /benefits-status'));
    await expect.poll(countOf(ephemeral('Benefits offboarding status')), POLL).toBe(0);
  });

  test('the evidence modal stays open and names the field when a required field is empty or blank', {
    timeout: 60_000,
  }, async () => {
    await actAs('ivan');
    const card = cardOf('Sam Lee');
    await card
      .locator('[data-block-id="removal-actions:spring-health"]')
      .getByRole('button', { name: 'Vendor confirmed removal' })
      .click();
    const modal = dialog('Vendor confirmation');
    const reference = modal.getByLabel("Vendor's reference or ticket");
    await modal.getByLabel('Who at the vendor confirmed').fill('Jamie Ortiz');

    // Empty: the page refuses it, as Slack's client does, without asking the app.
    await modal.getByRole('button', { name: 'Record removal' }).click();
    await visible(modal.getByText('Please complete this required field.'));
    await expect.poll(() => reference.getAttribute('aria-invalid'), POLL).toBe('true');

    // Blank: only the app can tell, and it answers with a field error.
    await reference.fill('   ');
    await modal.getByRole('button', { name: 'Record removal' }).click();
    await visible(modal.getByText("Enter the vendor's reference or ticket number."));
    await visible(modal);
    expect(await modal.getByLabel('Who at the vendor confirmed').inputValue()).toBe('Jamie Ortiz');

    await modal.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(countOf(modal), POLL).toBe(0);
    await expect.poll(countOf(card.getByRole('button', { name: 'Vendor confirmed removal' })), POLL).toBe(2);
  });
});
