import type { ContextBlock, DividerBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { CaseStatus } from '../offboarding/case-lifecycle.js';
import { describeActor } from '../offboarding/case-lifecycle.js';
import { businessDate, daysBetween, formatInstant } from '../offboarding/due-dates.js';
import { escapeMrkdwn } from '../offboarding/offboarding-card.js';
import type {
  LimitedList,
  OverdueRemoval,
  PersonCase,
  PersonRemoval,
  PersonStatus,
  StatusSummary,
  TimelineEntry,
  VendorFigures,
  VendorStatus,
} from './status.repository.js';

// Pure Block Kit builders for `/benefits-status`. Whatever the data, a message stays within Slack's limits:
// at most 50 blocks, section and context text 3000 characters, headers 150, 10 fields of 2000 each.

/** What every answer is sent as: an ephemeral message with a plain-text fallback. */
export type StatusMessage = { text: string; blocks: KnownBlock[] };

/** When the answer is given, and in which zone dates are shown. */
export type ViewContext = { now: Date; timeZone: string };

export const statusMessageLimits = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  /** Longest employee or vendor name shown before it is cut with an ellipsis. */
  name: 80,
} as const;

const L = statusMessageLimits;
const command = '/benefits-status';

/** Slack counts characters, not UTF-16 code units. */
const characters = (text: string): number => [...text].length;

const shorten = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

/** Outside text for mrkdwn: on one line, cut to `max` characters, escaped. */
const userText = (text: string, max: number = L.name): string =>
  escapeMrkdwn(shorten(text.replace(/\s+/g, ' ').trim(), max));

/** Cuts mrkdwn to `max` characters at a line end where possible, never inside an entity or a mention. */
const clamp = (text: string, max: number): string => {
  if (characters(text) <= max) return text;
  let cut = [...text].slice(0, max - 1).join('');
  const lineEnd = cut.lastIndexOf('\n');
  cut = lineEnd > max / 2 ? cut.slice(0, lineEnd + 1) : cut.replace(/&[a-z]*$|<[^>]*$/, '');
  return `${cut}…`;
};

export const formatDollars = (cents: number): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(
    Math.round(cents / 100),
  );

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** An actor for mrkdwn: a Slack user as a mention, anyone else described and escaped. */
const actorText = (actorId: string): string =>
  /^[UW][A-Z0-9]+$/.test(actorId) ? `<@${actorId}>` : escapeMrkdwn(describeActor(actorId));

/** A header from outside text; `fallback` when that text is blank, as Slack refuses an empty header. */
const header = (text: string, fallback = 'Benefits offboarding status'): HeaderBlock => ({
  type: 'header',
  text: {
    type: 'plain_text',
    text: shorten(text.replace(/\s+/g, ' ').trim() || fallback, L.headerText),
    emoji: true,
  },
});
const section = (text: string): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clamp(text, L.sectionText) },
});
const fields = (entries: [label: string, value: string][]): SectionBlock => ({
  type: 'section',
  fields: entries.slice(0, L.fields).map(([label, value]) => ({
    type: 'mrkdwn',
    text: clamp(`*${label}*\n${value}`, L.fieldText),
  })),
});
const context = (text: string): ContextBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clamp(text, L.sectionText) }],
});
const divider: DividerBlock = { type: 'divider' };

const asOfFooter = ({ now, timeZone }: ViewContext, hint: string): ContextBlock =>
  context(`As of ${formatInstant(now, timeZone)} · ${hint}`);

const moreLine = (remaining: number, noun: string) => `_…and ${plural(remaining, `more ${noun}`)}_`;

/**
 * Packs list lines into at most `maxSections` sections, each within the section limit, and ends with
 * "…and N more" when `total` is more than what fits.
 */
const listSections = (lines: string[], total: number, noun: string, maxSections: number): SectionBlock[] => {
  const reserve = 60;
  const maxLines = 50;
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  let shown = 0;
  for (const line of lines.slice(0, maxLines).map((candidate) => clamp(candidate, 1000))) {
    const size = characters(line) + 1;
    if (length + size > L.sectionText - reserve) {
      if (chunks.length + 1 >= maxSections) break;
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(line);
    length += size;
    shown += 1;
  }
  const remaining = Math.max(0, total - shown);
  if (remaining > 0) current.push(moreLine(remaining, noun));
  if (current.length > 0) chunks.push(current);
  return chunks.map((chunk) => section(chunk.join('\n')));
};

const caseStatusLabel: Record<CaseStatus, string> = {
  awaiting_hr: 'Awaiting HR approval',
  approved: 'Awaiting vendors',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  completed: 'Completed',
};

const overdueNote = (dueOn: string, today: string) => {
  const days = daysBetween(dueOn, today);
  return `:warning: overdue ${plural(days, 'day')}`;
};

const seatCost = (vendor: { activeSeats: number; annualSeatCostCents: number | null }) =>
  vendor.annualSeatCostCents === null
    ? 'seat cost not known'
    : `${formatDollars(vendor.activeSeats * vendor.annualSeatCostCents)} a year (${formatDollars(vendor.annualSeatCostCents)} a seat)`;

const vendorLine = (vendor: VendorFigures) =>
  [
    `*${userText(vendor.name)}* \`${userText(vendor.vendorId)}\``,
    `${plural(vendor.openRemovals, 'open removal')}`,
    vendor.overdueRemovals > 0
      ? `:warning: ${vendor.overdueRemovals.toLocaleString('en-US')} overdue`
      : '0 overdue',
    plural(vendor.activeSeats, 'active seat'),
    seatCost(vendor),
  ].join(' · ');

/** The answer to `/benefits-status` with no argument. */
export const renderStatusSummary = (summary: StatusSummary, view: ViewContext): StatusMessage => {
  const blocks: KnownBlock[] = [
    header('Benefits offboarding status'),
    fields([
      ['Awaiting HR approval', summary.awaitingHr.toLocaleString('en-US')],
      ['Awaiting vendors', summary.awaitingVendors.toLocaleString('en-US')],
      [
        'Overdue removals',
        `${summary.overdueRemovals > 0 ? ':warning: ' : ''}${summary.overdueRemovals.toLocaleString('en-US')}`,
      ],
      ['Completed, last 30 days', summary.completedRecently.toLocaleString('en-US')],
    ]),
    divider,
    section('*By vendor*'),
  ];
  blocks.push(
    ...(summary.vendors.length > 0
      ? listSections(summary.vendors.map(vendorLine), summary.vendors.length, 'vendor', 10)
      : [section('No vendors are configured.')]),
    asOfFooter(view, `\`${command} overdue\`, a vendor id or an email for details`),
  );
  return {
    text:
      `Benefits offboarding: ${summary.awaitingHr} awaiting HR, ${summary.awaitingVendors} awaiting vendors, ` +
      `${summary.overdueRemovals} overdue removals, ${summary.completedRecently} completed in the last 30 days.`,
    blocks,
  };
};

const removalLine = (removal: PersonRemoval, view: ViewContext, today: string) => {
  const vendor = `*${userText(removal.vendorName)}*`;
  switch (removal.status) {
    case 'awaiting_approval':
      return `• ${vendor}: waits for HR approval`;
    case 'requested':
      return removal.dueOn === null
        ? `• ${vendor}: requested`
        : `• ${vendor}: requested, due ${removal.dueOn}${removal.overdue ? ` · ${overdueNote(removal.dueOn, today)}` : ''}`;
    case 'confirmed':
      return `• ${vendor}: confirmed${removal.confirmedBy ? ` by ${actorText(removal.confirmedBy)}` : ''}${
        removal.confirmedAt ? ` at ${formatInstant(removal.confirmedAt, view.timeZone)}` : ''
      }`;
    case 'withdrawn':
      return `• ${vendor}: withdrawn`;
  }
};

const actionLabels: Record<string, string> = {
  'case.started': 'started the case',
  'case.approved': 'approved',
  'case.rejected': 'rejected',
  'case.cancelled': 'cancelled',
  'case.reopened': 'reopened',
  'removal.confirmed': 'confirmed the removal',
  'access.denied': 'was refused an action',
};

const timelineLine = (entry: TimelineEntry, vendorNames: Map<string, string>, view: ViewContext) => {
  const action = actionLabels[entry.action] ?? `\`${userText(entry.action, 60)}\``;
  const vendor = entry.vendorId ? ` at ${userText(vendorNames.get(entry.vendorId) ?? entry.vendorId)}` : '';
  return `${formatInstant(entry.occurredAt, view.timeZone)} · ${actorText(entry.actor)} ${action}${vendor}`;
};

const caseBlocks = (record: PersonCase, view: ViewContext, today: string): KnownBlock[] => {
  const maxRemovals = 10;
  const removals = record.removals.slice(0, maxRemovals).map((removal) => removalLine(removal, view, today));
  if (record.removals.length > maxRemovals)
    removals.push(moreLine(record.removals.length - maxRemovals, 'vendor'));
  const summary = [
    `*${userText(record.employeeName)}* · last day ${record.lastDay} · *${caseStatusLabel[record.status]}*`,
    ...(removals.length > 0 ? removals : ['No vendor to remove them from.']),
  ];
  const vendorNames = new Map(record.removals.map((removal) => [removal.vendorId, removal.vendorName]));
  const earlier = record.timeline.total - record.timeline.items.length;
  const timeline = [
    ...(earlier > 0 ? [`_…${plural(earlier, 'earlier event')}_`] : []),
    ...record.timeline.items.slice(-10).map((entry) => timelineLine(entry, vendorNames, view)),
  ];
  return [section(summary.join('\n')), ...(timeline.length > 0 ? [context(timeline.join('\n'))] : [])];
};

/** A person's cases (newest first), per vendor, each with its latest events. */
export const renderPersonStatus = (person: PersonStatus, view: ViewContext): StatusMessage => {
  const today = businessDate(view.now, view.timeZone);
  const email = userText(person.email, 254);
  const newest = person.cases.items[0];
  const blocks: KnownBlock[] = [header(`Offboarding of ${newest?.employeeName.trim() || person.email}`)];
  if (!newest) {
    blocks.push(
      section(`No offboarding case for ${email}.`),
      asOfFooter(view, `\`${command}\` for the summary`),
    );
    return { text: `No offboarding case for ${email}.`, blocks };
  }
  blocks.push(section(`${plural(person.cases.total, 'case')} for ${email}, newest first.`));
  let shown = 0;
  for (const record of person.cases.items) {
    const next = caseBlocks(record, view, today);
    // Two blocks stay free: the "…and N more" line and the footer.
    if (blocks.length + next.length > L.blocks - 2) break;
    blocks.push(...next);
    shown += 1;
  }
  const remaining = person.cases.total - shown;
  if (remaining > 0) blocks.push(section(moreLine(remaining, 'case')));
  blocks.push(asOfFooter(view, 'times in the business time zone'));
  return {
    text: `Offboarding of ${userText(newest.employeeName)}: ${plural(person.cases.total, 'case')} (latest: ${caseStatusLabel[newest.status]}).`,
    blocks,
  };
};

/** One vendor's open removals (oldest due first) and seats. */
export const renderVendorStatus = (vendor: VendorStatus, view: ViewContext): StatusMessage => {
  const today = businessDate(view.now, view.timeZone);
  const name = userText(vendor.name);
  const open = vendor.openRemovals;
  const blocks: KnownBlock[] = [
    header(vendor.name, vendor.vendorId),
    fields([
      ['Open removals', open.total.toLocaleString('en-US')],
      [
        'Overdue',
        `${vendor.overdueRemovals > 0 ? ':warning: ' : ''}${vendor.overdueRemovals.toLocaleString('en-US')}`,
      ],
      ['Awaiting HR approval', vendor.awaitingApproval.toLocaleString('en-US')],
      ['Active seats', vendor.activeSeats.toLocaleString('en-US')],
      [
        'Annual seat cost',
        vendor.annualSeatCostCents === null
          ? 'Not known'
          : `${formatDollars(vendor.activeSeats * vendor.annualSeatCostCents)} (${formatDollars(vendor.annualSeatCostCents)} a seat)`,
      ],
    ]),
    divider,
  ];
  if (open.total === 0) {
    blocks.push(section(`No open removals at ${name}.`));
  } else {
    blocks.push(section('*Open removals*, oldest due first'));
    const lines = open.items.map(
      (removal) =>
        `• *${userText(removal.employeeName)}* · last day ${removal.lastDay}` +
        (removal.dueOn ? ` · due ${removal.dueOn}` : '') +
        (removal.overdue && removal.dueOn ? ` · ${overdueNote(removal.dueOn, today)}` : ''),
    );
    blocks.push(...listSections(lines, open.total, 'removal', L.blocks - blocks.length - 1));
  }
  blocks.push(asOfFooter(view, `\`${command} overdue\` for every vendor`));
  return {
    text: `${name}: ${plural(open.total, 'open removal')}, ${vendor.overdueRemovals} overdue, ${plural(vendor.activeSeats, 'active seat')}.`,
    blocks,
  };
};

/** Removals past their due date across vendors, oldest due first. */
export const renderOverdue = (overdue: LimitedList<OverdueRemoval>, view: ViewContext): StatusMessage => {
  const blocks: KnownBlock[] = [header('Overdue vendor removals')];
  if (overdue.total === 0) {
    blocks.push(
      section(':white_check_mark: Nothing is overdue.'),
      asOfFooter(view, `\`${command}\` for the summary`),
    );
    return { text: 'No vendor removal is overdue.', blocks };
  }
  blocks.push(section(`${plural(overdue.total, 'removal')} past due, oldest first.`));
  const lines = overdue.items.map(
    (removal) =>
      `• *${userText(removal.employeeName)}* at *${userText(removal.vendorName)}* · due ${removal.dueOn} · ` +
      `:warning: ${plural(removal.daysOverdue, 'day')} overdue · last day ${removal.lastDay}`,
  );
  blocks.push(...listSections(lines, overdue.total, 'removal', L.blocks - blocks.length - 1));
  blocks.push(asOfFooter(view, `\`${command} VENDOR-ID\` for one vendor`));
  return { text: `${plural(overdue.total, 'vendor removal')} overdue.`, blocks };
};

/** Usage help, naming what was not understood and the vendor ids that can be asked for. */
export const renderStatusHelp = (input: {
  unrecognised?: string;
  vendors: { id: string; name: string }[];
}): StatusMessage => {
  const vendorList = input.vendors.map((vendor) => `\`${userText(vendor.id)}\` ${userText(vendor.name)}`);
  const intro =
    input.unrecognised === undefined
      ? ''
      : input.unrecognised.startsWith('@')
        ? `Slack sent \`${userText(input.unrecognised, 100)}\` as plain text, so I can't tell who that is: give their email instead.\n\n`
        : `I didn't understand \`${userText(input.unrecognised, 100)}\`.\n\n`;
  const blocks: KnownBlock[] = [
    section(
      `${intro}*How to use \`${command}\`*\n` +
        `• \`${command}\`: cases awaiting HR and vendors, overdue removals, completions, and each vendor\n` +
        `• \`${command} name@example.com\` or \`${command} @person\`: that person's cases, per vendor\n` +
        `• \`${command} VENDOR-ID\`: that vendor's open removals and seats\n` +
        `• \`${command} overdue\`: every removal past its due date`,
    ),
  ];
  if (vendorList.length > 0) {
    blocks.push(section('*Vendor ids*'), ...listSections(vendorList, vendorList.length, 'vendor', 5));
  }
  return { text: `Usage: ${command} [email | @person | vendor id | overdue]`, blocks };
};

/** For someone who is neither an HR approver nor an IT confirmer. */
export const renderStatusRefusal = (holders: { hr: string; it: string }): StatusMessage => {
  const text =
    `Only HR approvers (${holders.hr || 'none configured'}) and IT confirmers (${holders.it || 'none configured'}) ` +
    `may use \`${command}\`.`;
  return { text, blocks: [section(text)] };
};

/** A mentioned person whose Slack profile shows no email. */
export const renderNoEmailForUser = (userId: string): StatusMessage => {
  const text = `<@${userId}> has no email address in their Slack profile that I can see, so I can't look up their cases. Try \`${command} their.email@example.com\`.`;
  return { text, blocks: [section(text)] };
};

/** A vendor id that was in the catalog when parsed but is not in the database. */
export const renderUnknownVendor = (vendorId: string): StatusMessage => {
  const text = `I don't know the vendor \`${userText(vendorId)}\`. \`${command} help\` lists the vendor ids.`;
  return { text, blocks: [section(text)] };
};

/** When a query failed or was too slow for Slack's three seconds. */
export const renderStatusFailure = (): StatusMessage => {
  const text = "Sorry, I couldn't get the offboarding status just now. Please try again in a minute.";
  return { text, blocks: [section(text)] };
};
