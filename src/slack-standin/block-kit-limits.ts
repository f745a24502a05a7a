/**
 * Slack's Block Kit limits, as documented on docs.slack.dev (blocks, block elements, composition objects, views).
 * Pure: every check returns human-readable problems ending in Slack's own `[json-pointer:…]` form; empty = fine.
 */

type JsonObject = Record<string, unknown>;
type Surface = 'message' | 'modal' | 'home';

export const blockKitLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  markdownBlockText: 12_000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  callbackId: 255,
  externalId: 255,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  selectOptions: 100,
  optionGroups: 100,
  optionGroupLabel: 75,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  overflowOptionsMin: 2,
  overflowOptionsMax: 5,
  checkboxOptions: 10,
  radioOptions: 10,
  textInputLength: 3000,
  altText: 2000,
  imageTitle: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const L = blockKitLimits;

const viewBlockTypes: ReadonlySet<string> = new Set([
  'actions',
  'context',
  'divider',
  'header',
  'image',
  'input',
  'rich_text',
  'section',
  'video',
]);

const blockTypesBySurface: Record<Surface, ReadonlySet<string>> = {
  message: new Set([...viewBlockTypes, 'file', 'markdown']),
  modal: viewBlockTypes,
  home: viewBlockTypes,
};

const singleSelects = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
const multiSelects = singleSelects.map((type) => `multi_${type}`);
const choiceElements = [
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...singleSelects,
  ...multiSelects,
];
const sectionAccessories = new Set([...choiceElements, 'image']);
const actionsElements = new Set([...choiceElements, 'rich_text_input']);
const inputElements = new Set([
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  ...singleSelects,
  ...multiSelects,
]);

interface Check {
  problems: string[];
  surface: Surface;
  blockIds: Set<string>;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Slack counts characters, not UTF-16 code units. */
const characters = (text: string): number => [...text].length;

function problem(check: Check, pointer: string, message: string): void {
  check.problems.push(`${message} [json-pointer:${pointer}]`);
}

function maxLength(check: Check, value: unknown, pointer: string, what: string, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    problem(check, pointer, `${what} must be a string`);
    return;
  }
  const count = characters(value);
  if (count > max) problem(check, pointer, `${what} must be at most ${max} characters (got ${count})`);
}

function required(check: Check, owner: JsonObject, key: string, pointer: string, what: string): boolean {
  if (owner[key] === undefined || owner[key] === null) {
    problem(check, `${pointer}/${key}`, `${what} is required`);
    return false;
  }
  return true;
}

function textObject(
  check: Check,
  value: unknown,
  pointer: string,
  what: string,
  max: number,
  plainTextOnly: boolean,
): void {
  if (!isObject(value)) {
    problem(check, pointer, `${what} must be a text object`);
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    problem(
      check,
      `${pointer}/type`,
      `${what} type must be plain_text or mrkdwn (got ${String(value.type)})`,
    );
  } else if (plainTextOnly && value.type !== 'plain_text') {
    problem(check, `${pointer}/type`, `${what} must be plain_text, not ${value.type}`);
  }
  if (typeof value.text !== 'string') {
    problem(check, `${pointer}/text`, `${what} must be a string`);
    return;
  }
  if (value.text.length === 0) problem(check, `${pointer}/text`, `${what} must not be empty`);
  maxLength(check, value.text, `${pointer}/text`, what, max);
}

function optionalText(
  check: Check,
  owner: JsonObject,
  key: string,
  pointer: string,
  what: string,
  max: number,
  plainTextOnly: boolean,
): void {
  if (owner[key] !== undefined) textObject(check, owner[key], `${pointer}/${key}`, what, max, plainTextOnly);
}

function array(check: Check, value: unknown, pointer: string, what: string): unknown[] | undefined {
  if (!Array.isArray(value)) {
    problem(check, pointer, `${what} must be an array`);
    return undefined;
  }
  return value;
}

function countBetween(
  check: Check,
  items: unknown[],
  pointer: string,
  what: string,
  min: number,
  max: number,
) {
  if (items.length < min) problem(check, pointer, `${what} must have at least ${min} (got ${items.length})`);
  if (items.length > max) problem(check, pointer, `${what} must have at most ${max} (got ${items.length})`);
}

function confirmDialog(check: Check, value: unknown, pointer: string): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    problem(check, pointer, 'confirm must be a confirmation dialog object');
    return;
  }
  for (const [key, max, plain] of [
    ['title', L.confirmTitle, true],
    ['text', L.confirmText, false],
    ['confirm', L.confirmButton, true],
    ['deny', L.confirmButton, true],
  ] as const) {
    if (required(check, value, key, pointer, `confirm ${key}`)) {
      textObject(check, value[key], `${pointer}/${key}`, `confirm ${key}`, max, plain);
    }
  }
  style(check, value, pointer);
}

function style(check: Check, owner: JsonObject, pointer: string): void {
  if (owner.style !== undefined && owner.style !== 'primary' && owner.style !== 'danger') {
    problem(check, `${pointer}/style`, `style must be primary or danger (got ${String(owner.style)})`);
  }
}

function option(
  check: Check,
  value: unknown,
  pointer: string,
  plainTextOnly: boolean,
  withUrl: boolean,
): void {
  if (!isObject(value)) {
    problem(check, pointer, 'option must be an object');
    return;
  }
  if (required(check, value, 'text', pointer, 'option text')) {
    textObject(check, value.text, `${pointer}/text`, 'option text', L.optionText, plainTextOnly);
  }
  if (required(check, value, 'value', pointer, 'option value')) {
    maxLength(check, value.value, `${pointer}/value`, 'option value', L.optionValue);
  }
  optionalText(
    check,
    value,
    'description',
    pointer,
    'option description',
    L.optionDescription,
    plainTextOnly,
  );
  if (value.url !== undefined) {
    if (withUrl) maxLength(check, value.url, `${pointer}/url`, 'option url', L.url);
    else problem(check, `${pointer}/url`, 'option url is only allowed in overflow menus');
  }
}

function options(
  check: Check,
  owner: JsonObject,
  pointer: string,
  what: string,
  min: number,
  max: number,
  plainTextOnly: boolean,
  withUrl = false,
): JsonObject[] {
  const list = array(check, owner.options, `${pointer}/options`, `${what} options`);
  if (!list) return [];
  countBetween(check, list, `${pointer}/options`, `${what} options`, min, max);
  list.forEach((item, index) => {
    option(check, item, `${pointer}/options/${index}`, plainTextOnly, withUrl);
  });
  return list.filter(isObject);
}

function actionId(check: Check, element: JsonObject, pointer: string): void {
  maxLength(check, element.action_id, `${pointer}/action_id`, 'action_id', L.actionId);
}

function placeholder(check: Check, element: JsonObject, pointer: string): void {
  optionalText(check, element, 'placeholder', pointer, 'placeholder', L.placeholder, true);
}

function sameOption(a: unknown, b: JsonObject): boolean {
  return isObject(a) && a.value === b.value && JSON.stringify(a.text) === JSON.stringify(b.text);
}

function staticSelect(check: Check, element: JsonObject, pointer: string): void {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    problem(check, pointer, `${String(element.type)} needs exactly one of options or option_groups`);
  }
  let known: JsonObject[] = [];
  if (hasOptions) known = options(check, element, pointer, 'select', 1, L.selectOptions, true);
  if (hasGroups) {
    const groups = array(check, element.option_groups, `${pointer}/option_groups`, 'option_groups') ?? [];
    countBetween(check, groups, `${pointer}/option_groups`, 'option_groups', 1, L.optionGroups);
    groups.forEach((group, index) => {
      const groupPointer = `${pointer}/option_groups/${index}`;
      if (!isObject(group)) {
        problem(check, groupPointer, 'option group must be an object');
        return;
      }
      if (required(check, group, 'label', groupPointer, 'option group label')) {
        textObject(
          check,
          group.label,
          `${groupPointer}/label`,
          'option group label',
          L.optionGroupLabel,
          true,
        );
      }
      known = known.concat(options(check, group, groupPointer, 'option group', 1, L.selectOptions, true));
    });
  }
  if (
    element.initial_option !== undefined &&
    !known.some((item) => sameOption(element.initial_option, item))
  ) {
    problem(check, `${pointer}/initial_option`, 'initial_option must be one of the options');
  }
  if (Array.isArray(element.initial_options)) {
    element.initial_options.forEach((initial, index) => {
      if (!known.some((item) => sameOption(initial, item))) {
        problem(check, `${pointer}/initial_options/${index}`, 'initial_options must be among the options');
      }
    });
  }
}

function element(check: Check, value: unknown, pointer: string, allowed: ReadonlySet<string>, where: string) {
  if (!isObject(value)) {
    problem(check, pointer, 'element must be an object');
    return;
  }
  const type = value.type;
  if (typeof type !== 'string' || !allowed.has(type)) {
    problem(check, `${pointer}/type`, `element type ${String(type)} is not allowed in ${where}`);
    return;
  }
  if (type !== 'image') actionId(check, value, pointer);
  confirmDialog(check, value.confirm, `${pointer}/confirm`);
  switch (type) {
    case 'button':
      if (required(check, value, 'text', pointer, 'button text')) {
        textObject(check, value.text, `${pointer}/text`, 'button text', L.buttonText, true);
      }
      maxLength(check, value.value, `${pointer}/value`, 'button value', L.buttonValue);
      maxLength(check, value.url, `${pointer}/url`, 'button url', L.url);
      maxLength(
        check,
        value.accessibility_label,
        `${pointer}/accessibility_label`,
        'accessibility_label',
        75,
      );
      style(check, value, pointer);
      return;
    case 'workflow_button':
      if (required(check, value, 'text', pointer, 'button text')) {
        textObject(check, value.text, `${pointer}/text`, 'button text', L.buttonText, true);
      }
      required(check, value, 'workflow', pointer, 'workflow');
      style(check, value, pointer);
      return;
    case 'static_select':
    case 'multi_static_select':
      placeholder(check, value, pointer);
      staticSelect(check, value, pointer);
      return;
    case 'overflow':
      options(check, value, pointer, 'overflow', L.overflowOptionsMin, L.overflowOptionsMax, true, true);
      return;
    case 'checkboxes':
    case 'radio_buttons': {
      const max = type === 'checkboxes' ? L.checkboxOptions : L.radioOptions;
      const known = options(check, value, pointer, type, 1, max, false);
      const initial = type === 'checkboxes' ? value.initial_options : [value.initial_option];
      if (Array.isArray(initial)) {
        initial.forEach((item, index) => {
          if (item !== undefined && !known.some((candidate) => sameOption(item, candidate))) {
            problem(
              check,
              `${pointer}/initial_option${type === 'checkboxes' ? `s/${index}` : ''}`,
              'initial selection must be among the options',
            );
          }
        });
      }
      return;
    }
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      placeholder(check, value, pointer);
      for (const key of ['min_length', 'max_length'] as const) {
        const length = value[key];
        if (
          length !== undefined &&
          (typeof length !== 'number' || length < 0 || length > L.textInputLength)
        ) {
          problem(check, `${pointer}/${key}`, `${key} must be a number between 0 and ${L.textInputLength}`);
        }
      }
      if (type === 'number_input' && typeof value.is_decimal_allowed !== 'boolean') {
        problem(
          check,
          `${pointer}/is_decimal_allowed`,
          'number_input needs is_decimal_allowed (true or false)',
        );
      }
      return;
    case 'datepicker':
      placeholder(check, value, pointer);
      if (value.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(value.initial_date))) {
        problem(check, `${pointer}/initial_date`, 'initial_date must be YYYY-MM-DD');
      }
      return;
    case 'image':
      if (value.image_url === undefined && value.slack_file === undefined) {
        problem(check, pointer, 'image element needs image_url or slack_file');
      }
      maxLength(check, value.image_url, `${pointer}/image_url`, 'image_url', L.url);
      if (required(check, value, 'alt_text', pointer, 'alt_text')) {
        maxLength(check, value.alt_text, `${pointer}/alt_text`, 'alt_text', L.altText);
      }
      return;
    default:
      placeholder(check, value, pointer);
  }
}

function uniqueActionIds(check: Check, elements: unknown[], pointer: string): void {
  const seen = new Set<string>();
  elements.forEach((item, index) => {
    if (!isObject(item) || typeof item.action_id !== 'string') return;
    if (seen.has(item.action_id)) {
      problem(
        check,
        `${pointer}/${index}/action_id`,
        `action_id ${item.action_id} is used twice in one block`,
      );
    }
    seen.add(item.action_id);
  });
}

function block(check: Check, value: unknown, pointer: string): void {
  if (!isObject(value)) {
    problem(check, pointer, 'block must be an object');
    return;
  }
  const type = value.type;
  if (typeof type !== 'string' || !blockTypesBySurface[check.surface].has(type)) {
    problem(
      check,
      `${pointer}/type`,
      `unknown or disallowed block type ${String(type)} in a ${check.surface}`,
    );
    return;
  }
  if (value.block_id !== undefined) {
    maxLength(check, value.block_id, `${pointer}/block_id`, 'block_id', L.blockId);
    if (typeof value.block_id === 'string') {
      if (check.blockIds.has(value.block_id)) {
        problem(check, `${pointer}/block_id`, `block_id ${value.block_id} is used twice`);
      }
      check.blockIds.add(value.block_id);
    }
  }
  switch (type) {
    case 'header':
      if (required(check, value, 'text', pointer, 'header text')) {
        textObject(check, value.text, `${pointer}/text`, 'header text', L.headerText, true);
      }
      return;
    case 'section': {
      if (value.text === undefined && value.fields === undefined) {
        problem(check, pointer, 'section needs text or fields');
      }
      optionalText(check, value, 'text', pointer, 'section text', L.sectionText, false);
      if (value.fields !== undefined) {
        const fields = array(check, value.fields, `${pointer}/fields`, 'section fields') ?? [];
        countBetween(check, fields, `${pointer}/fields`, 'section fields', 1, L.sectionFields);
        fields.forEach((field, index) => {
          textObject(check, field, `${pointer}/fields/${index}`, 'section field', L.sectionFieldText, false);
        });
      }
      if (value.accessory !== undefined) {
        element(check, value.accessory, `${pointer}/accessory`, sectionAccessories, 'a section accessory');
      }
      return;
    }
    case 'context': {
      const elements = array(check, value.elements, `${pointer}/elements`, 'context elements') ?? [];
      countBetween(check, elements, `${pointer}/elements`, 'context elements', 1, L.contextElements);
      elements.forEach((item, index) => {
        const itemPointer = `${pointer}/elements/${index}`;
        if (isObject(item) && item.type === 'image') {
          element(check, item, itemPointer, new Set(['image']), 'a context block');
        } else {
          textObject(check, item, itemPointer, 'context text', L.sectionText, false);
        }
      });
      return;
    }
    case 'actions': {
      const elements = array(check, value.elements, `${pointer}/elements`, 'actions elements') ?? [];
      countBetween(check, elements, `${pointer}/elements`, 'actions elements', 1, L.actionsElements);
      elements.forEach((item, index) => {
        element(check, item, `${pointer}/elements/${index}`, actionsElements, 'an actions block');
      });
      uniqueActionIds(check, elements, `${pointer}/elements`);
      return;
    }
    case 'input':
      if (required(check, value, 'label', pointer, 'input label')) {
        textObject(check, value.label, `${pointer}/label`, 'input label', L.inputLabel, true);
      }
      optionalText(check, value, 'hint', pointer, 'input hint', L.inputHint, true);
      if (required(check, value, 'element', pointer, 'input element')) {
        element(check, value.element, `${pointer}/element`, inputElements, 'an input block');
      }
      return;
    case 'image':
      if (value.image_url === undefined && value.slack_file === undefined) {
        problem(check, pointer, 'image block needs image_url or slack_file');
      }
      maxLength(check, value.image_url, `${pointer}/image_url`, 'image_url', L.url);
      if (required(check, value, 'alt_text', pointer, 'alt_text')) {
        maxLength(check, value.alt_text, `${pointer}/alt_text`, 'alt_text', L.altText);
      }
      optionalText(check, value, 'title', pointer, 'image title', L.imageTitle, true);
      return;
    case 'markdown':
      if (typeof value.text !== 'string')
        problem(check, `${pointer}/text`, 'markdown block text is required');
      maxLength(check, value.text, `${pointer}/text`, 'markdown block text', L.markdownBlockText);
      return;
    case 'rich_text':
      array(check, value.elements, `${pointer}/elements`, 'rich_text elements');
      return;
    case 'video':
      for (const key of ['alt_text', 'title', 'thumbnail_url', 'video_url']) {
        required(check, value, key, pointer, `video ${key}`);
      }
      return;
    case 'file':
      required(check, value, 'external_id', pointer, 'file external_id');
      if (value.source !== 'remote') problem(check, `${pointer}/source`, 'file source must be remote');
      return;
    default:
      return;
  }
}

function blocks(check: Check, value: unknown, pointer: string, max: number): void {
  const list = array(check, value, pointer, 'blocks');
  if (!list) return;
  if (list.length > max) problem(check, pointer, `no more than ${max} blocks allowed (got ${list.length})`);
  list.forEach((item, index) => {
    block(check, item, `${pointer}/${index}`);
  });
}

/** Problems with a message's `blocks` (and its top-level `text`), in the order Slack would list them. */
export function checkMessageBlocks(messageBlocks: unknown, text?: unknown): string[] {
  const check: Check = { problems: [], surface: 'message', blockIds: new Set() };
  if (text !== undefined) maxLength(check, text, '/text', 'message text', L.messageText);
  if (messageBlocks !== undefined) blocks(check, messageBlocks, '/blocks', L.messageBlocks);
  return check.problems;
}

/** Problems with a modal or home view as passed to views.open / views.update / views.push / views.publish. */
export function checkView(view: unknown): string[] {
  const check: Check = { problems: [], surface: 'modal', blockIds: new Set() };
  if (!isObject(view)) {
    problem(check, '/view', 'view must be an object');
    return check.problems;
  }
  if (view.type !== 'modal' && view.type !== 'home') {
    problem(check, '/view/type', `view type must be modal or home (got ${String(view.type)})`);
    return check.problems;
  }
  check.surface = view.type;
  if (view.type === 'modal') {
    if (required(check, view, 'title', '/view', 'modal title')) {
      textObject(check, view.title, '/view/title', 'modal title', L.viewTitle, true);
    }
    optionalText(check, view, 'submit', '/view', 'modal submit', L.viewSubmit, true);
    optionalText(check, view, 'close', '/view', 'modal close', L.viewClose, true);
    const hasInput =
      Array.isArray(view.blocks) && view.blocks.some((item) => isObject(item) && item.type === 'input');
    if (hasInput && view.submit === undefined) {
      problem(check, '/view/submit', 'a modal with input blocks needs a submit button');
    }
  }
  maxLength(check, view.callback_id, '/view/callback_id', 'callback_id', L.callbackId);
  maxLength(check, view.external_id, '/view/external_id', 'external_id', L.externalId);
  maxLength(check, view.private_metadata, '/view/private_metadata', 'private_metadata', L.privateMetadata);
  if (required(check, view, 'blocks', '/view', 'view blocks')) {
    blocks(check, view.blocks, '/view/blocks', L.viewBlocks);
  }
  return check.problems;
}
