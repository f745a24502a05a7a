// Block Kit and mrkdwn rendering for the sandbox page. Runs in the browser and in Node (tests).
// Every function returns an HTML string in which all Slack text has been escaped: Slack text is untrusted.

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SLACK_ENTITIES = { lt: '<', gt: '>', amp: '&' };
// Private-use characters mark stashed HTML fragments while mrkdwn formatting runs; they are removed from input.
const STASH_OPEN = '\uE000';
const STASH_CLOSE = '\uE001';

/** Escapes text for use in HTML content or a double-quoted attribute. */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

function decodeSlackEntities(text) {
  return text.replace(/&(lt|gt|amp);/g, (_, name) => SLACK_ENTITIES[name]);
}

/** True for links the page may open: http(s), mailto and tel only. */
export function isSafeUrl(url) {
  return typeof url === 'string' && /^(https?:\/\/|mailto:|tel:)/i.test(url);
}

// Same-origin and data: images only: the sandbox runs offline and must not leak requests or log load errors.
function isLocalImage(url) {
  return (
    typeof url === 'string' &&
    (/^data:image\/(png|gif|jpeg|webp|svg\+xml)[;,]/i.test(url) || /^\/(?![/\\])/.test(url))
  );
}

const EMOJI = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  ballot_box_with_check: '☑️',
  x: '❌',
  warning: '⚠️',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  lock: '🔒',
  unlock: '🔓',
  bell: '🔔',
  rotating_light: '🚨',
  tada: '🎉',
  memo: '📝',
  pencil: '📝',
  pencil2: '✏️',
  calendar: '📆',
  date: '📅',
  spiral_calendar_pad: '🗓️',
  alarm_clock: '⏰',
  stopwatch: '⏱️',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  information_source: 'ℹ️',
  email: '✉️',
  envelope: '✉️',
  envelope_with_arrow: '📩',
  link: '🔗',
  eyes: '👀',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  large_orange_circle: '🟠',
  red_circle: '🔴',
  white_circle: '⚪',
  large_blue_circle: '🔵',
  zap: '⚡',
  arrow_right: '➡️',
  repeat: '🔁',
  clipboard: '📋',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  office: '🏢',
  hospital: '🏥',
  receipt: '🧾',
  mag: '🔍',
  inbox_tray: '📥',
  outbox_tray: '📤',
  wave: '👋',
  heavy_plus_sign: '➕',
  heavy_minus_sign: '➖',
  heavy_multiplication_x: '✖️',
  skull: '💀',
  fire: '🔥',
};

function emojify(escapedText) {
  return escapedText.replace(/:([a-z0-9_+-]+):/g, (match, name) => EMOJI[name] ?? match);
}

function personName(ctx, userId) {
  return ctx.people?.find((person) => person.id === userId)?.name;
}

function renderAngleToken(inner, ctx) {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : decodeSlackEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) {
    const userId = target.slice(1);
    const name = personName(ctx, userId) ?? label?.replace(/^@/, '') ?? userId;
    return `<span class="mention" data-user-id="${escapeHtml(userId)}">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const channelId = target.slice(1);
    const name = label ?? (ctx.channel?.id === channelId ? ctx.channel.name : channelId);
    return `<span class="mention mention--channel">#${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('!')) {
    const command = target.slice(1);
    if (/^(here|channel|everyone)$/.test(command)) {
      return `<span class="mention mention--broadcast">@${command}</span>`;
    }
    if (command.startsWith('subteam^')) {
      return `<span class="mention">${escapeHtml(label ?? `@${command.slice('subteam^'.length)}`)}</span>`;
    }
    if (command.startsWith('date^')) {
      const seconds = Number(command.split('^')[1]);
      const fallback = Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().slice(0, 10) : '';
      return escapeHtml(label ?? fallback);
    }
    return escapeHtml(label ?? '');
  }
  const url = decodeSlackEntities(target);
  // Not a link but an unescaped "<" from the app: show it as typed.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) return escapeHtml(`<${decodeSlackEntities(inner)}>`);
  const text = escapeHtml(label ?? url);
  return isSafeUrl(url)
    ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>`
    : text;
}

function linkBareUrl(url) {
  const trailing = url.match(/[.,;:!?)*_~]+$/)?.[0] ?? '';
  const href = decodeSlackEntities(url.slice(0, url.length - trailing.length));
  return {
    html: `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(href)}</a>`,
    trailing,
  };
}

// A formatting mark applies only between word boundaries, as in Slack: snake_case and 2*3*4 stay literal.
function formatSpans(html, mark, tag) {
  const m = `\\${mark}`;
  const pattern = new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^${m}]*?\\S)${m}(?![\\w${m}])`, 'g');
  return html.replace(pattern, `$1<${tag}>$2</${tag}>`);
}

function renderMrkdwnLine(line, ctx) {
  const stash = [];
  const hold = (html) => `${STASH_OPEN}${stash.push(html) - 1}${STASH_CLOSE}`;
  let text = line.replace(/`([^`]+)`/g, (_, code) =>
    hold(`<code>${escapeHtml(decodeSlackEntities(code))}</code>`),
  );
  text = text.replace(/<([^<>]+)>/g, (_, inner) => hold(renderAngleToken(inner, ctx)));
  text = text.replace(/\bhttps?:\/\/[^\s<>\uE000\uE001]+/g, (url) => {
    const { html, trailing } = linkBareUrl(url);
    return hold(html) + trailing;
  });
  let html = emojify(escapeHtml(decodeSlackEntities(text)));
  html = formatSpans(html, '*', 'strong');
  html = formatSpans(html, '_', 'em');
  html = formatSpans(html, '~', 'del');
  return html.replace(/\uE000(\d+)\uE001/g, (_, index) => stash[Number(index)]);
}

function renderMrkdwnProse(prose, ctx) {
  const groups = [];
  for (const line of prose.split('\n')) {
    const quote = line.match(/^(?:>|&gt;) ?(.*)$/);
    const last = groups.at(-1);
    const isQuote = quote !== null;
    const content = isQuote ? quote[1] : line;
    if (last && last.isQuote === isQuote) last.lines.push(content);
    else groups.push({ isQuote, lines: [content] });
  }
  return groups
    .map(({ isQuote, lines }) => {
      const html = lines.map((line) => renderMrkdwnLine(line, ctx)).join('<br>');
      return isQuote ? `<blockquote>${html}</blockquote>` : html;
    })
    .join('');
}

/**
 * Renders Slack mrkdwn as HTML: *bold*, _italic_, ~strike~, `code`, ```pre```, <url|label>, <@U…>, <#C…>,
 * <!here>, <!date^…|fallback>, > quotes, :emoji: and newlines. ctx: {people: [{id, name}], channel: {id, name}}.
 */
export function mrkdwnToHtml(text, ctx = {}) {
  const source = String(text ?? '').replace(/[\uE000\uE001]/g, '');
  const parts = source.split('```');
  return parts
    .map((part, index) => {
      const isPre = index % 2 === 1 && index < parts.length - 1;
      if (isPre) {
        const code = part.replace(/^\n/, '').replace(/\n$/, '');
        return `<pre>${escapeHtml(decodeSlackEntities(code))}</pre>`;
      }
      let prose = index % 2 === 1 ? `\`\`\`${part}` : part;
      if (index > 0) prose = prose.replace(/^\n/, '');
      if (index < parts.length - 1) prose = prose.replace(/\n$/, '');
      return prose === '' ? '' : renderMrkdwnProse(prose, ctx);
    })
    .join('');
}

/** Renders a Slack text object ({type: 'plain_text' | 'mrkdwn', text}) or a bare string as HTML. */
export function textToHtml(textObject, ctx = {}) {
  if (textObject === null || textObject === undefined) return '';
  if (typeof textObject === 'string') return escapeHtml(textObject);
  if (textObject.type === 'mrkdwn') return mrkdwnToHtml(textObject.text, ctx);
  const html = escapeHtml(textObject.text).replace(/\n/g, '<br>');
  return textObject.emoji === false ? html : emojify(html);
}

function plainTextOf(textObject) {
  if (textObject === null || textObject === undefined) return '';
  return typeof textObject === 'string' ? textObject : String(textObject.text ?? '');
}

/** Slack generates a block_id when a block has none; the page uses the block's position instead. */
export function blockIdOf(block, index) {
  return typeof block?.block_id === 'string' && block.block_id !== '' ? block.block_id : `block-${index}`;
}

/** Slack generates an action_id when an element has none; the page uses the element's position instead. */
export function actionIdOf(element, index) {
  return typeof element?.action_id === 'string' && element.action_id !== ''
    ? element.action_id
    : `action-${index}`;
}

function elementsOf(block) {
  if (block?.type === 'actions') return Array.isArray(block.elements) ? block.elements : [];
  if (block?.type === 'section') return block.accessory ? [block.accessory] : [];
  if (block?.type === 'input') return block.element ? [block.element] : [];
  return [];
}

/** Finds the element definition behind a rendered control, or undefined. */
export function findElement(blocks, blockId, actionId) {
  if (!Array.isArray(blocks)) return undefined;
  for (const [blockIndex, block] of blocks.entries()) {
    if (blockIdOf(block, blockIndex) !== blockId) continue;
    const found = elementsOf(block).find((element, index) => actionIdOf(element, index) === actionId);
    if (found) return found;
  }
  return undefined;
}

function optionsOf(element) {
  const options = Array.isArray(element?.options) ? element.options : [];
  const grouped = Array.isArray(element?.option_groups)
    ? element.option_groups.flatMap((group) => (Array.isArray(group.options) ? group.options : []))
    : [];
  return [...options, ...grouped];
}

/** The option of an element (select, overflow, checkboxes, radio buttons) that has this value. */
export function findOption(element, value) {
  return optionsOf(element).find((option) => String(option.value ?? '') === value);
}

const STATEFUL_TYPES = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'datepicker',
  'timepicker',
  'checkboxes',
  'radio_buttons',
  'static_select',
  'multi_static_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'channels_select',
]);

/** Every element whose value belongs in view.state.values, with its ids and whether an input block requires it. */
export function statefulElements(blocks) {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block, blockIndex) =>
    elementsOf(block)
      .map((element, index) => ({
        blockId: blockIdOf(block, blockIndex),
        actionId: actionIdOf(element, index),
        element,
        required: block.type === 'input' && block.optional !== true,
      }))
      .filter(({ element }) => STATEFUL_TYPES.has(element?.type)),
  );
}

/**
 * Converts what a control holds (a string, or a string array for multi-value controls) into the value Slack
 * puts in view.state.values for that element type; empty single values are null, as in Slack.
 */
export function stateValue(element, raw) {
  const list = Array.isArray(raw)
    ? raw
    : raw === undefined || raw === null || raw === ''
      ? []
      : [String(raw)];
  const single = list[0] ?? null;
  const options = () =>
    list.map((value) => findOption(element, value)).filter((option) => option !== undefined);
  switch (element.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type: element.type, value: single };
    case 'datepicker':
      return { type: element.type, selected_date: single };
    case 'timepicker':
      return { type: element.type, selected_time: single };
    case 'checkboxes':
    case 'multi_static_select':
      return { type: element.type, selected_options: options() };
    case 'radio_buttons':
    case 'static_select':
      return { type: element.type, selected_option: options()[0] ?? null };
    case 'users_select':
      return { type: element.type, selected_user: single };
    case 'multi_users_select':
      return { type: element.type, selected_users: list };
    case 'conversations_select':
      return { type: element.type, selected_conversation: single };
    case 'channels_select':
      return { type: element.type, selected_channel: single };
    default:
      return { type: element.type };
  }
}

/**
 * Builds view.state.values ({[blockId]: {[actionId]: value}}) for the blocks of a view;
 * readRaw(blockId, actionId) returns what the control holds.
 */
export function viewStateValues(blocks, readRaw) {
  const values = {};
  for (const { blockId, actionId, element } of statefulElements(blocks)) {
    values[blockId] ??= {};
    values[blockId][actionId] = stateValue(element, readRaw(blockId, actionId));
  }
  return values;
}

function isEmptyValue(value) {
  const held = Object.entries(value).filter(([key]) => key !== 'type');
  return held.every(([, v]) => v === null || (Array.isArray(v) && v.length === 0));
}

/** Block ids of required input blocks left empty: Slack's client refuses such a submission itself. */
export function missingRequiredInputs(blocks, values) {
  return statefulElements(blocks)
    .filter(({ required, blockId, actionId }) => {
      const value = values[blockId]?.[actionId];
      return required && (value === undefined || isEmptyValue(value));
    })
    .map(({ blockId }) => blockId);
}

function attributes(pairs) {
  return Object.entries(pairs)
    .filter(([, value]) => value !== undefined && value !== null && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('');
}

function unsupported(what) {
  return `<span class="bk-unsupported">Unsupported ${escapeHtml(what)}</span>`;
}

function renderImage(url, altText, className) {
  const alt = String(altText ?? '');
  if (isLocalImage(url)) return `<img class="${className}"${attributes({ src: url, alt })}>`;
  return `<span class="${className} bk-image-placeholder" role="img"${attributes({ 'aria-label': alt || 'image', title: typeof url === 'string' ? url : undefined })}>🖼 ${escapeHtml(alt)}</span>`;
}

function renderButton(element, actionId) {
  const style =
    element.style === 'primary' || element.style === 'danger' ? ` bk-button--${element.style}` : '';
  return `<button type="button" class="bk-button${style}"${attributes({ 'data-action-id': actionId, 'data-element-type': 'button' })}>${textToHtml(element.text)}</button>`;
}

function renderOverflow(element, actionId) {
  const items = optionsOf(element)
    .map(
      (option) =>
        `<button type="button" role="menuitem" class="bk-menu-item"${attributes({ 'data-option-value': String(option.value ?? '') })}>${escapeHtml(plainTextOf(option.text))}</button>`,
    )
    .join('');
  return `<div class="bk-overflow"${attributes({ 'data-action-id': actionId, 'data-element-type': 'overflow' })}><button type="button" class="bk-button bk-overflow-toggle" aria-haspopup="menu" aria-expanded="false" aria-label="More actions">⋯</button><div class="bk-menu" role="menu" hidden>${items}</div></div>`;
}

function renderSelectOptions(element, selectedValues) {
  const option = (o) =>
    `<option${attributes({ value: String(o.value ?? ''), selected: selectedValues.includes(String(o.value ?? '')) })}>${escapeHtml(plainTextOf(o.text))}</option>`;
  const plain = (Array.isArray(element.options) ? element.options : []).map(option).join('');
  const groups = (Array.isArray(element.option_groups) ? element.option_groups : [])
    .map(
      (group) =>
        `<optgroup${attributes({ label: plainTextOf(group.label) })}>${(group.options ?? []).map(option).join('')}</optgroup>`,
    )
    .join('');
  return plain + groups;
}

function placeholderOption(element, hasSelection) {
  const text = plainTextOf(element.placeholder) || 'Select an option';
  return `<option${attributes({ value: '', selected: !hasSelection })}>${escapeHtml(text)}</option>`;
}

function renderChoices(element, control, inputType) {
  const initial = (
    inputType === 'radio'
      ? [element.initial_option]
      : Array.isArray(element.initial_options)
        ? element.initial_options
        : []
  )
    .filter(Boolean)
    .map((option) => String(option.value ?? ''));
  const choices = optionsOf(element)
    .map((option, index) => {
      const value = String(option.value ?? '');
      const description = option.description
        ? `<span class="bk-option-description">${textToHtml(option.description, control.ctx)}</span>`
        : '';
      return `<label class="bk-option"><input${attributes({ type: inputType, id: `${control.id}-${index}`, name: control.id, value, checked: initial.includes(value) })}><span class="bk-option-text">${textToHtml(option.text, control.ctx)}${description}</span></label>`;
    })
    .join('');
  return `<div class="bk-options" role="${inputType === 'radio' ? 'radiogroup' : 'group'}"${control.common}>${choices}</div>`;
}

/** Renders a form control; control: {id, actionId, dispatch, labelledBy, ariaLabel, describedBy, invalid, ctx}. */
function renderControl(element, control) {
  const { ctx } = control;
  const common = attributes({
    'data-action-id': control.actionId,
    'data-element-type': element.type,
    'data-dispatch': control.dispatch,
    'aria-labelledby': control.labelledBy,
    'aria-label': control.ariaLabel,
    'aria-describedby': control.describedBy,
    'aria-invalid': control.invalid ? 'true' : undefined,
  });
  const withCommon = { ...control, common };
  const placeholder = plainTextOf(element.placeholder) || undefined;
  switch (element.type) {
    case 'plain_text_input': {
      const limits = { placeholder, maxlength: element.max_length, minlength: element.min_length };
      if (element.multiline) {
        return `<textarea class="bk-textarea"${attributes({ id: control.id, rows: 4, ...limits })}${common}>${escapeHtml(element.initial_value)}</textarea>`;
      }
      return `<input class="bk-text"${attributes({ id: control.id, type: 'text', value: element.initial_value, ...limits })}${common}>`;
    }
    case 'email_text_input':
    case 'url_text_input':
      return `<input class="bk-text"${attributes({ id: control.id, type: element.type === 'email_text_input' ? 'email' : 'url', value: element.initial_value, placeholder })}${common}>`;
    case 'number_input':
      return `<input class="bk-text"${attributes({ id: control.id, type: 'number', step: element.is_decimal_allowed ? 'any' : '1', min: element.min_value, max: element.max_value, value: element.initial_value, placeholder })}${common}>`;
    case 'datepicker':
      return `<input class="bk-text bk-date"${attributes({ id: control.id, type: 'date', value: element.initial_date })}${common}>`;
    case 'timepicker':
      return `<input class="bk-text bk-time"${attributes({ id: control.id, type: 'time', value: element.initial_time })}${common}>`;
    case 'checkboxes':
      return renderChoices(element, withCommon, 'checkbox');
    case 'radio_buttons':
      return renderChoices(element, withCommon, 'radio');
    case 'static_select': {
      const selected = element.initial_option ? [String(element.initial_option.value ?? '')] : [];
      return `<select class="bk-select"${attributes({ id: control.id })}${common}>${placeholderOption(element, selected.length > 0)}${renderSelectOptions(element, selected)}</select>`;
    }
    case 'multi_static_select': {
      const selected = (element.initial_options ?? []).map((option) => String(option.value ?? ''));
      const size = Math.min(Math.max(optionsOf(element).length, 2), 6);
      return `<select class="bk-select bk-select--multi" multiple${attributes({ id: control.id, size })}${common}>${renderSelectOptions(element, selected)}</select>`;
    }
    case 'users_select':
    case 'multi_users_select': {
      const multi = element.type === 'multi_users_select';
      const selected = multi
        ? (element.initial_users ?? [])
        : element.initial_user
          ? [element.initial_user]
          : [];
      const people = (ctx.people ?? [])
        .map(
          (person) =>
            `<option${attributes({ value: person.id, selected: selected.includes(person.id) })}>${escapeHtml(person.name)}</option>`,
        )
        .join('');
      const first = multi ? '' : placeholderOption(element, selected.length > 0);
      return `<select class="bk-select${multi ? ' bk-select--multi' : ''}"${attributes({ id: control.id, multiple: multi })}${common}>${first}${people}</select>`;
    }
    case 'conversations_select':
    case 'channels_select': {
      const channel = ctx.channel;
      const initial = element.initial_conversation ?? element.initial_channel;
      const only = channel
        ? `<option${attributes({ value: channel.id, selected: initial === channel.id })}>#${escapeHtml(channel.name)}</option>`
        : '';
      return `<select class="bk-select"${attributes({ id: control.id })}${common}>${placeholderOption(element, initial === channel?.id)}${only}</select>`;
    }
    default:
      return unsupported(`element: ${element.type}`);
  }
}

function renderElement(element, index, ctx) {
  const actionId = actionIdOf(element, index);
  switch (element?.type) {
    case 'button':
      return renderButton(element, actionId);
    case 'overflow':
      return renderOverflow(element, actionId);
    case 'image':
      return renderImage(element.image_url, element.alt_text, 'bk-accessory-image');
    default:
      if (!STATEFUL_TYPES.has(element?.type)) return unsupported(`element: ${element?.type}`);
      return renderControl(element, {
        id: `${ctx.idPrefix ?? 'bk'}-${ctx.blockIndex}-${index}`,
        actionId,
        dispatch: true,
        ariaLabel: plainTextOf(element.placeholder) || 'Select an option',
        ctx,
      });
  }
}

function renderRichTextElements(elements, ctx) {
  return (Array.isArray(elements) ? elements : [])
    .map((element) => {
      let html;
      switch (element.type) {
        case 'text':
          html = escapeHtml(element.text).replace(/\n/g, '<br>');
          break;
        case 'link': {
          const text = escapeHtml(element.text || element.url);
          html = isSafeUrl(element.url)
            ? `<a href="${escapeHtml(element.url)}" target="_blank" rel="noopener noreferrer">${text}</a>`
            : text;
          break;
        }
        case 'user':
          html = `<span class="mention">@${escapeHtml(personName(ctx, element.user_id) ?? element.user_id)}</span>`;
          break;
        case 'channel':
          html = renderAngleToken(`#${element.channel_id}`, ctx);
          break;
        case 'usergroup':
          html = `<span class="mention">@${escapeHtml(element.usergroup_id)}</span>`;
          break;
        case 'broadcast':
          html = `<span class="mention mention--broadcast">@${escapeHtml(element.range)}</span>`;
          break;
        case 'emoji':
          html = escapeHtml(EMOJI[element.name] ?? `:${element.name}:`);
          break;
        case 'date':
          html = escapeHtml(
            element.fallback ?? new Date(Number(element.timestamp) * 1000).toISOString().slice(0, 10),
          );
          break;
        default:
          html = '';
      }
      const style = element.style ?? {};
      if (style.code) html = `<code>${html}</code>`;
      if (style.bold) html = `<strong>${html}</strong>`;
      if (style.italic) html = `<em>${html}</em>`;
      if (style.strike) html = `<del>${html}</del>`;
      return html;
    })
    .join('');
}

function renderRichTextPart(part, ctx) {
  switch (part?.type) {
    case 'rich_text_section':
      return `<div class="bk-rich-section">${renderRichTextElements(part.elements, ctx)}</div>`;
    case 'rich_text_preformatted':
      return `<pre>${renderRichTextElements(part.elements, ctx)}</pre>`;
    case 'rich_text_quote':
      return `<blockquote>${renderRichTextElements(part.elements, ctx)}</blockquote>`;
    case 'rich_text_list': {
      const tag = part.style === 'ordered' ? 'ol' : 'ul';
      const items = (part.elements ?? [])
        .map((section) => `<li>${renderRichTextElements(section.elements, ctx)}</li>`)
        .join('');
      return `<${tag}>${items}</${tag}>`;
    }
    default:
      return unsupported(`rich text: ${part?.type}`);
  }
}

function renderInputBlock(block, ctx) {
  const element = block.element ?? {};
  const id = `${ctx.idPrefix ?? 'bk'}-${ctx.blockIndex}`;
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = ctx.errors?.[ctx.blockId];
  const isGroup = element.type === 'checkboxes' || element.type === 'radio_buttons';
  const optional = block.optional ? ' <span class="bk-optional">(optional)</span>' : '';
  const labelText = `${escapeHtml(plainTextOf(block.label))}${optional}`;
  const label = isGroup
    ? `<span class="bk-label" id="${labelId}">${labelText}</span>`
    : `<label class="bk-label" id="${labelId}" for="${id}">${labelText}</label>`;
  const control = STATEFUL_TYPES.has(element.type)
    ? renderControl(element, {
        id,
        actionId: actionIdOf(element, 0),
        dispatch: block.dispatch_action === true,
        labelledBy: isGroup ? labelId : undefined,
        describedBy: [block.hint ? hintId : '', errorId].filter(Boolean).join(' '),
        invalid: Boolean(error),
        ctx,
      })
    : unsupported(`element: ${element.type}`);
  const hint = block.hint ? `<p class="bk-hint" id="${hintId}">${textToHtml(block.hint, ctx)}</p>` : '';
  const errorText = `<p class="bk-error" id="${errorId}"${error ? '' : ' hidden'}>${escapeHtml(error ?? '')}</p>`;
  return `${label}${control}${hint}${errorText}`;
}

const BLOCK_RENDERERS = {
  header: (block) => `<h3 class="bk-header-text">${textToHtml(block.text)}</h3>`,
  divider: () => '<hr class="bk-divider-line">',
  section: (block, ctx) => {
    const text = block.text ? `<div class="bk-section-text">${textToHtml(block.text, ctx)}</div>` : '';
    const fields = Array.isArray(block.fields)
      ? `<div class="bk-fields">${block.fields.map((field) => `<div class="bk-field">${textToHtml(field, ctx)}</div>`).join('')}</div>`
      : '';
    const accessory = block.accessory
      ? `<div class="bk-accessory">${renderElement(block.accessory, 0, ctx)}</div>`
      : '';
    return `<div class="bk-section-main">${text}${fields}</div>${accessory}`;
  },
  context: (block, ctx) =>
    (Array.isArray(block.elements) ? block.elements : [])
      .map((element) =>
        element.type === 'image'
          ? renderImage(element.image_url, element.alt_text, 'bk-context-image')
          : `<span class="bk-context-text">${textToHtml(element, ctx)}</span>`,
      )
      .join(''),
  actions: (block, ctx) =>
    (Array.isArray(block.elements) ? block.elements : [])
      .map((element, index) => renderElement(element, index, ctx))
      .join(''),
  image: (block, ctx) => {
    const title = block.title ? `<div class="bk-image-title">${textToHtml(block.title, ctx)}</div>` : '';
    return `${title}${renderImage(block.image_url, block.alt_text, 'bk-image-full')}`;
  },
  rich_text: (block, ctx) =>
    (Array.isArray(block.elements) ? block.elements : [])
      .map((part) => renderRichTextPart(part, ctx))
      .join(''),
  input: renderInputBlock,
};

/**
 * Renders Block Kit blocks as HTML. Each block is wrapped in an element carrying data-block-id; interactive
 * elements carry data-action-id. ctx: {people, channel, errors: {[blockId]: string}, idPrefix}.
 */
export function renderBlocks(blocks, ctx = {}) {
  if (!Array.isArray(blocks)) return '';
  return blocks
    .map((block, blockIndex) => {
      const blockId = blockIdOf(block, blockIndex);
      const render = Object.hasOwn(BLOCK_RENDERERS, block?.type) ? BLOCK_RENDERERS[block.type] : undefined;
      const inner = render
        ? render(block, { ...ctx, blockId, blockIndex })
        : unsupported(`block: ${block?.type}`);
      const kind = render ? block.type : 'unsupported';
      return `<div class="bk-block bk-${kind}" data-block-id="${escapeHtml(blockId)}">${inner}</div>`;
    })
    .join('');
}

/** Renders a message's content: its blocks when it has any, otherwise its mrkdwn text. */
export function renderMessageContent(message, ctx = {}) {
  if (Array.isArray(message?.blocks) && message.blocks.length > 0) return renderBlocks(message.blocks, ctx);
  return `<div class="bk-block bk-section"><div class="bk-section-text">${mrkdwnToHtml(message?.text, ctx)}</div></div>`;
}

/** Renders the top modal ({viewId, view, errors}) as a dialog whose accessible name is the modal title. */
export function renderModal(modal, ctx = {}) {
  const view = modal.view ?? {};
  const title = plainTextOf(view.title) || 'Modal';
  const blocks = renderBlocks(view.blocks, { ...ctx, errors: modal.errors ?? {}, idPrefix: 'modal' });
  const close = escapeHtml(plainTextOf(view.close) || 'Cancel');
  const submit = view.submit
    ? `<button type="submit" form="modal-form" class="bk-button bk-button--primary" data-modal-submit>${escapeHtml(plainTextOf(view.submit))}</button>`
    : '';
  return `<div class="modal-backdrop"><div class="modal" role="dialog" aria-modal="true"${attributes({ 'aria-label': title, 'data-view-id': modal.viewId })}><header class="modal-header"><h2 class="modal-title">${escapeHtml(title)}</h2></header><form class="modal-body" id="modal-form" novalidate>${blocks}</form><footer class="modal-footer"><button type="button" class="bk-button" data-modal-close>${close}</button>${submit}</footer></div></div>`;
}

/** Renders a Block Kit confirmation object ({title, text, confirm, deny, style}) as an alert dialog. */
export function renderConfirmDialog(confirm, ctx = {}) {
  const title = plainTextOf(confirm.title) || 'Are you sure?';
  const style = confirm.style === 'danger' ? 'danger' : 'primary';
  return `<div class="modal-backdrop modal-backdrop--confirm"><div class="modal modal--confirm" role="alertdialog" aria-modal="true"${attributes({ 'aria-label': title })}><header class="modal-header"><h2 class="modal-title">${escapeHtml(title)}</h2></header><div class="modal-body">${textToHtml(confirm.text, ctx)}</div><footer class="modal-footer"><button type="button" class="bk-button" data-confirm="no">${escapeHtml(plainTextOf(confirm.deny) || 'Cancel')}</button><button type="button" class="bk-button bk-button--${style}" data-confirm="yes">${escapeHtml(plainTextOf(confirm.confirm) || 'Yes')}</button></footer></div></div>`;
}
