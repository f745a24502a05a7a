import fc from 'fast-check';
import { expect, test } from 'vitest';
import { checkMessageBlocks, checkView } from '../../src/slack-standin/block-kit-limits.js';
import { approvalCard, removalModal } from './offboarding-workspace.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (length: number) => 'x'.repeat(length);
const button = (overrides: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'approve_removal',
  text: plain('Approve'),
  ...overrides,
});
const options = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ text: plain(`Vendor ${index}`), value: `v${index}` }));
const section = (index: number) => ({ type: 'section', text: mrkdwn(`row ${index}`) });

test('the offboarding approval card and the removal modal are within every limit', () => {
  expect(checkMessageBlocks(approvalCard, 'Offboarding: Lee Park')).toEqual([]);
  expect(checkView(removalModal)).toEqual([]);
});

test('a modal may hold 100 blocks and a message 50, exactly at the limit', () => {
  expect(checkMessageBlocks(Array.from({ length: 50 }, (_, i) => section(i)))).toEqual([]);
  expect(checkView({ ...removalModal, blocks: Array.from({ length: 100 }, (_, i) => section(i)) })).toEqual(
    [],
  );
});

const messageViolations: [rule: string, blocks: unknown[], text: string | undefined, expected: string][] = [
  [
    'a message holds at most 50 blocks',
    Array.from({ length: 51 }, (_, i) => section(i)),
    undefined,
    '/blocks]',
  ],
  ['message text is at most 40000 characters', [], x(40_001), '/text]'],
  [
    'header text is at most 150 characters',
    [{ type: 'header', text: plain(x(151)) }],
    undefined,
    '/blocks/0/text/text',
  ],
  [
    'header text must be plain_text',
    [{ type: 'header', text: mrkdwn('Hi') }],
    undefined,
    'must be plain_text',
  ],
  [
    'section text is at most 3000 characters',
    [{ type: 'section', text: mrkdwn(x(3001)) }],
    undefined,
    '/blocks/0/text/text',
  ],
  [
    'a section holds at most 10 fields',
    [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }],
    undefined,
    '/blocks/0/fields]',
  ],
  [
    'a section field is at most 2000 characters',
    [{ type: 'section', fields: [mrkdwn(x(2001))] }],
    undefined,
    '/blocks/0/fields/0/text',
  ],
  [
    'a context block holds at most 10 elements',
    [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }],
    undefined,
    '/blocks/0/elements]',
  ],
  [
    'an actions block holds at most 25 elements',
    [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }],
    undefined,
    '/blocks/0/elements]',
  ],
  [
    'button text is at most 75 characters',
    [{ type: 'actions', elements: [button({ text: plain(x(76)) })] }],
    undefined,
    '/blocks/0/elements/0/text/text',
  ],
  [
    'button text must be plain_text',
    [{ type: 'actions', elements: [button({ text: mrkdwn('*Approve*') })] }],
    undefined,
    'must be plain_text',
  ],
  [
    'a button value is at most 2000 characters',
    [{ type: 'actions', elements: [button({ value: x(2001) })] }],
    undefined,
    '/blocks/0/elements/0/value',
  ],
  [
    'a button url is at most 3000 characters',
    [{ type: 'actions', elements: [button({ url: `https://example.com/${x(3000)}` })] }],
    undefined,
    '/blocks/0/elements/0/url',
  ],
  [
    'an action_id is at most 255 characters',
    [{ type: 'actions', elements: [button({ action_id: x(256) })] }],
    undefined,
    '/blocks/0/elements/0/action_id',
  ],
  [
    'a block_id is at most 255 characters',
    [{ ...section(0), block_id: x(256) }],
    undefined,
    '/blocks/0/block_id',
  ],
  [
    'block_ids are unique within a message',
    [
      { ...section(0), block_id: 'case' },
      { ...section(1), block_id: 'case' },
    ],
    undefined,
    'used twice [json-pointer:/blocks/1/block_id]',
  ],
  [
    'a static select holds at most 100 options',
    [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: options(101) }] }],
    undefined,
    '/blocks/0/elements/0/options]',
  ],
  [
    'option text is at most 75 characters',
    [
      {
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [{ text: plain(x(76)), value: 'v' }] }],
      },
    ],
    undefined,
    '/blocks/0/elements/0/options/0/text/text',
  ],
  [
    'an option value is at most 150 characters',
    [
      {
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [{ text: plain('t'), value: x(151) }] }],
      },
    ],
    undefined,
    '/blocks/0/elements/0/options/0/value',
  ],
  [
    'an overflow menu needs at least 2 options',
    [{ type: 'actions', elements: [{ type: 'overflow', action_id: 'o', options: options(1) }] }],
    undefined,
    'at least 2',
  ],
  [
    'an overflow menu holds at most 5 options',
    [{ type: 'actions', elements: [{ type: 'overflow', action_id: 'o', options: options(6) }] }],
    undefined,
    'at most 5',
  ],
  [
    'checkboxes hold at most 10 options',
    [{ type: 'actions', elements: [{ type: 'checkboxes', action_id: 'c', options: options(11) }] }],
    undefined,
    'at most 10',
  ],
  [
    'an unknown block type is refused',
    [{ type: 'table_of_vendors' }],
    undefined,
    'unknown or disallowed block type',
  ],
  [
    'an unknown element type is refused',
    [{ type: 'actions', elements: [{ type: 'slider', action_id: 's' }] }],
    undefined,
    'element type slider is not allowed',
  ],
  [
    'action_ids are unique within one block',
    [{ type: 'actions', elements: [button(), button()] }],
    undefined,
    'used twice in one block',
  ],
];

test.each(messageViolations)('%s', (_rule, blocks, text, expected) => {
  const problems = checkMessageBlocks(blocks, text);
  expect(problems.some((problem) => problem.includes(expected))).toBe(true);
});

const viewViolations: [rule: string, view: Record<string, unknown>, expected: string][] = [
  [
    'a modal holds at most 100 blocks',
    { ...removalModal, blocks: Array.from({ length: 101 }, (_, i) => section(i)) },
    '/view/blocks]',
  ],
  ['a modal title is at most 24 characters', { ...removalModal, title: plain(x(25)) }, '/view/title/text'],
  ['a modal title must be plain_text', { ...removalModal, title: mrkdwn('Confirm') }, 'must be plain_text'],
  [
    'a modal submit label is at most 24 characters',
    { ...removalModal, submit: plain(x(25)) },
    '/view/submit/text',
  ],
  [
    'a modal close label is at most 24 characters',
    { ...removalModal, close: plain(x(25)) },
    '/view/close/text',
  ],
  [
    'a modal close label must be plain_text',
    { ...removalModal, close: mrkdwn('Cancel') },
    'must be plain_text',
  ],
  ['a callback_id is at most 255 characters', { ...removalModal, callback_id: x(256) }, '/view/callback_id'],
  [
    'private_metadata is at most 3000 characters',
    { ...removalModal, private_metadata: x(3001) },
    '/view/private_metadata',
  ],
  [
    'an input label is at most 2000 characters',
    {
      ...removalModal,
      blocks: [
        { type: 'input', label: plain(x(2001)), element: { type: 'plain_text_input', action_id: 'v' } },
      ],
    },
    '/view/blocks/0/label/text',
  ],
  [
    'an input label must be plain_text',
    {
      ...removalModal,
      blocks: [
        { type: 'input', label: mrkdwn('*Ref*'), element: { type: 'plain_text_input', action_id: 'v' } },
      ],
    },
    'must be plain_text',
  ],
  [
    'a modal with input blocks needs a submit button',
    { ...removalModal, submit: undefined },
    'needs a submit button',
  ],
  ['a modal needs a title', { ...removalModal, title: undefined }, 'modal title is required'],
  [
    'block_ids are unique within a view',
    { ...removalModal, blocks: [removalModal.blocks[0], removalModal.blocks[0]] },
    'used twice',
  ],
];

test.each(viewViolations)('%s', (_rule, view, expected) => {
  const problems = checkView(JSON.parse(JSON.stringify(view)));
  expect(problems.some((problem) => problem.includes(expected))).toBe(true);
});

// Property: a random valid card passes, and any one injected violation is reported.

const textOf = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme-ascii' });
const plainOf = (max: number) => textOf(max).map((text) => plain(text));

const optionArb = fc.record({ text: plainOf(75), value: textOf(150) });
const buttonArb = fc.record({
  type: fc.constant('button'),
  text: plainOf(75),
  value: textOf(2000),
  style: fc.constantFrom('primary', 'danger'),
});
const selectArb = fc.record({
  type: fc.constant('static_select'),
  placeholder: plainOf(150),
  options: fc.array(optionArb, { minLength: 1, maxLength: 100 }),
});
const overflowArb = fc.record({
  type: fc.constant('overflow'),
  options: fc.array(optionArb, { minLength: 2, maxLength: 5 }),
});
const withActionIds = (elements: Record<string, unknown>[]) =>
  elements.map((element, index) => ({ ...element, action_id: `action_${index}` }));

const blockArb = fc.oneof(
  fc.record({ type: fc.constant('header'), text: plainOf(150) }),
  fc.record({ type: fc.constant('divider') }),
  fc.record({
    type: fc.constant('section'),
    text: textOf(3000).map(mrkdwn),
    fields: fc.array(textOf(2000).map(mrkdwn), { minLength: 1, maxLength: 10 }),
  }),
  fc
    .record({ type: fc.constant('section'), text: textOf(300).map(mrkdwn), accessory: buttonArb })
    .map((block) => ({
      ...block,
      accessory: { ...block.accessory, action_id: 'accessory' },
    })),
  fc.record({
    type: fc.constant('context'),
    elements: fc.array(textOf(200).map(mrkdwn), { minLength: 1, maxLength: 10 }),
  }),
  fc
    .array(fc.oneof(buttonArb, selectArb, overflowArb), { minLength: 1, maxLength: 25 })
    .map((elements) => ({ type: 'actions', elements: withActionIds(elements) })),
);

const cardArb = fc
  .array(blockArb, { minLength: 1, maxLength: 20 })
  .map((blocks) => blocks.map((block, index) => ({ ...block, block_id: `block_${index}` })));

type Card = Record<string, unknown>[];
const violations: { name: string; inject: (card: Card) => Card; expected: string }[] = [
  {
    name: 'too many blocks',
    inject: (card) => [...card, ...Array.from({ length: 50 }, () => ({ type: 'divider' }))],
    expected: 'no more than 50 blocks',
  },
  {
    name: 'long header',
    inject: (card) => [...card, { type: 'header', text: plain(x(151)) }],
    expected: 'header text must be at most 150',
  },
  {
    name: 'mrkdwn header',
    inject: (card) => [...card, { type: 'header', text: mrkdwn('x') }],
    expected: 'must be plain_text',
  },
  {
    name: 'long section',
    inject: (card) => [...card, { type: 'section', text: mrkdwn(x(3001)) }],
    expected: 'section text must be at most 3000',
  },
  {
    name: 'long button text',
    inject: (card) => [...card, { type: 'actions', elements: [button({ text: plain(x(76)) })] }],
    expected: 'button text must be at most 75',
  },
  {
    name: 'long button value',
    inject: (card) => [...card, { type: 'actions', elements: [button({ value: x(2001) })] }],
    expected: 'button value must be at most 2000',
  },
  {
    name: 'duplicate block_id',
    inject: (card) => [...card, { type: 'divider', block_id: 'block_0' }],
    expected: 'block_id block_0 is used twice',
  },
  {
    name: 'unknown block',
    inject: (card) => [...card, { type: 'poll' }],
    expected: 'unknown or disallowed block type poll',
  },
  {
    name: 'long option value',
    inject: (card) => [
      ...card,
      {
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [{ text: plain('t'), value: x(151) }] }],
      },
    ],
    expected: 'option value must be at most 150',
  },
  {
    name: 'single overflow option',
    inject: (card) => [
      ...card,
      { type: 'actions', elements: [{ type: 'overflow', action_id: 'o', options: options(1) }] },
    ],
    expected: 'overflow options must have at least 2',
  },
  {
    name: 'too many context elements',
    inject: (card) => [...card, { type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }],
    expected: 'context elements must have at most 10',
  },
];

test('a random valid card passes and any one injected violation is reported', () => {
  fc.assert(
    fc.property(cardArb, fc.integer({ min: 0, max: violations.length - 1 }), (card, which) => {
      expect(checkMessageBlocks(card)).toEqual([]);
      const violation = violations[which];
      if (!violation) throw new Error('no such violation');
      const problems = checkMessageBlocks(violation.inject(card));
      expect(problems.some((problem) => problem.includes(violation.expected))).toBe(true);
    }),
    { numRuns: 150 },
  );
});
