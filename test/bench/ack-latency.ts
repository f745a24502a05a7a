// Measures how fast the real app acknowledges Slack requests (the stand-in's ackMs: request sent → HTTP answer),
// button clicks and /benefits-status, against the database the tests use.
// Run: node_modules/.bin/tsx test/bench/ack-latency.ts   (PostgreSQL instead when TEST_DATABASE_URL is set)
import { rmSync } from 'node:fs';
import { CardAction } from '../../src/offboarding/offboarding-card.js';
import { ackDeadlineMs } from '../../src/slack-standin/interactions.js';
import { STATUS_COMMAND } from '../../src/status/status.listeners.js';
import { channel, type Harness, people, startHarness } from '../support/slack-harness.js';
import { databaseTargets, postgresTarget } from '../support/test-database.js';

const CASES = 100;
const STATUS_COMMANDS = 200;
const WARM_UP = 5;

const target = postgresTarget() ?? (databaseTargets()[0] as ReturnType<typeof databaseTargets>[number]);
const database = await target.open();
const harness = await startHarness(database);
const samples = new Map<string, number[]>();

const record = (kind: string, answer: { status: number; ackMs: number }) => {
  if (answer.status !== 200) throw new Error(`${kind} answered ${answer.status}`);
  samples.set(kind, [...(samples.get(kind) ?? []), answer.ackMs]);
};

const percentile = (sorted: number[], q: number) =>
  sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;

const startCases = async (count: number, prefix: string) => {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await harness.webhook({
      email: `leaver.${prefix}${index}@example.com`,
      name: `Leaver ${prefix}${index}`,
      lastDay: '2026-12-18',
      vendors: index % 3 === 0 ? ['betterup'] : ['spring-health', 'betterup', 'one-medical'],
      externalId: `bench-${prefix}${index}`,
    });
    if (response.status !== 201) throw new Error(`webhook answered ${response.status}`);
    ids.push(String(response.body.id));
  }
  await harness.settle(60_000);
  return ids;
};

/** One click on the case's card; waits for the listener so each ack is measured on its own. */
const clickApprove = async (h: Harness, user: string, caseId: string) => {
  const card = await h.card(caseId);
  const answer = await h.standin.interactions.clickButton({
    user,
    source: { type: 'message', ts: card.ts, channel },
    actionId: CardAction.approve,
    value: caseId,
  });
  await h.app.idle();
  return answer;
};

const statusArguments = ['', 'overdue', 'leaver.c7@example.com', 'betterup'];
const runStatus = async (index: number) => {
  const answer = await harness.standin.interactions.runSlashCommand({
    user: people.harriet.id,
    command: STATUS_COMMAND,
    text: statusArguments[index % statusArguments.length] ?? '',
  });
  if (answer.shown !== 'ephemeral') throw new Error(`/benefits-status showed ${answer.shown}`);
  return answer;
};

try {
  // Warm-up (not recorded): JIT, connection pools, the user-group cache.
  const warmUp = await startCases(WARM_UP, 'w');
  for (const [index, caseId] of warmUp.entries()) {
    await clickApprove(harness, people.nora.id, caseId);
    await clickApprove(harness, people.hugo.id, caseId);
    await runStatus(index);
  }

  const caseIds = await startCases(CASES, 'c');
  for (const caseId of caseIds) {
    record('click: refused (no role, audited)', await clickApprove(harness, people.nora.id, caseId));
    record('click: Approve on a fresh case', await clickApprove(harness, people.harriet.id, caseId));
  }
  await harness.settle(60_000);
  for (let index = 0; index < STATUS_COMMANDS; index += 1) {
    record(`${STATUS_COMMAND} (summary/overdue/email/vendor)`, await runStatus(index));
  }

  const rows = [...samples].map(([kind, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      kind,
      n: String(sorted.length),
      p50: percentile(sorted, 0.5).toFixed(1),
      p95: percentile(sorted, 0.95).toFixed(1),
      p99: percentile(sorted, 0.99).toFixed(1),
      max: (sorted.at(-1) ?? 0).toFixed(1),
      late: String(sorted.filter((value) => value > ackDeadlineMs).length),
    };
  });
  const header = {
    kind: 'kind',
    n: 'n',
    p50: 'p50',
    p95: 'p95',
    p99: 'p99',
    max: 'max',
    late: `>${ackDeadlineMs}`,
  };
  const columns = Object.keys(header) as (keyof typeof header)[];
  const width = (column: keyof typeof header) =>
    Math.max(...[header, ...rows].map((row) => row[column].length));
  const line = (row: typeof header) =>
    columns
      .map((column) =>
        column === 'kind' ? row[column].padEnd(width(column)) : row[column].padStart(width(column)),
      )
      .join('  ');
  console.log(
    `ack latency in ms on ${database.label} (Node ${process.version}; ${CASES} cases started first)`,
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));
} finally {
  await harness.stop();
  await database.close();
  if (database.env.PGLITE_DIR) rmSync(database.env.PGLITE_DIR, { recursive: true, force: true });
}
