// The sandbox page: fetches the local Slack stand-in's state, renders it, and sends clicks, submissions,
// commands and shortcuts back as the person chosen in "Acting as".
import {
  escapeHtml,
  findElement,
  findOption,
  isSafeUrl,
  missingRequiredInputs,
  renderConfirmDialog,
  renderMessageContent,
  renderModal,
  viewStateValues,
} from './block-kit.js';

const API = '/sandbox/api';
const ACTING_AS_KEY = 'benefits-offboarding.sandbox.actingAs';
const POLL_MS = 2000;
const REFRESH_DEBOUNCE_MS = 50;

const page = {
  app: document.getElementById('app'),
  actingAs: document.getElementById('acting-as'),
  teamName: document.getElementById('team-name'),
  channelLink: document.getElementById('channel-link'),
  channelTitle: document.getElementById('channel-title'),
  messages: document.getElementById('messages'),
  thread: document.getElementById('thread'),
  modalRoot: document.getElementById('modal-root'),
  confirmRoot: document.getElementById('confirm-root'),
  toasts: document.getElementById('toasts'),
  composer: document.getElementById('composer'),
  composerInput: document.getElementById('composer-input'),
  webhookForm: document.getElementById('webhook-form'),
  shortcuts: document.getElementById('shortcuts'),
};

const ui = {
  state: null,
  actingAs: readStoredActingAs(),
  openThreadTs: null,
  dismissedEphemerals: new Set(),
  rendered: { people: '', channel: '', thread: '', modal: '', modalViewId: null },
  fetchSequence: 0,
  refreshTimer: null,
  pollTimer: null,
  pendingConfirm: null,
};

function readStoredActingAs() {
  try {
    return localStorage.getItem(ACTING_AS_KEY);
  } catch {
    return null;
  }
}

function storeActingAs(userId) {
  try {
    localStorage.setItem(ACTING_AS_KEY, userId);
  } catch {
    // Storage can be disabled; the choice then lasts until reload.
  }
}

// ---- talking to the server ----

async function fetchState() {
  const sequence = ++ui.fetchSequence;
  const query = ui.actingAs ? `?as=${encodeURIComponent(ui.actingAs)}` : '';
  let response;
  try {
    response = await fetch(`${API}/state${query}`, { cache: 'no-store' });
  } catch {
    return;
  }
  if (sequence !== ui.fetchSequence) return;
  if (!response.ok) {
    // A remembered person may no longer exist: let the server choose.
    if (ui.actingAs && response.status >= 400 && response.status < 500) {
      ui.actingAs = null;
      scheduleRefresh(0);
    }
    return;
  }
  let state;
  try {
    state = await response.json();
  } catch {
    return;
  }
  if (sequence !== ui.fetchSequence) return;
  applyState(state);
}

function scheduleRefresh(delay = REFRESH_DEBOUNCE_MS) {
  clearTimeout(ui.refreshTimer);
  ui.refreshTimer = setTimeout(fetchState, delay);
}

async function post(route, body) {
  let result;
  try {
    const response = await fetch(`${API}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    result = await response.json().catch(() => ({ ok: false, error: `HTTP ${response.status}` }));
  } catch {
    result = { ok: false, error: 'The sandbox server does not answer.' };
  }
  if (!result?.ok) showToast(result?.error ?? 'Something went wrong.', 'error');
  scheduleRefresh(0);
  return result ?? { ok: false };
}

function startPolling() {
  ui.pollTimer ??= setInterval(() => scheduleRefresh(0), POLL_MS);
}

function stopPolling() {
  clearInterval(ui.pollTimer);
  ui.pollTimer = null;
}

function connectStream() {
  if (typeof EventSource !== 'function') {
    startPolling();
    return;
  }
  const stream = new EventSource(`${API}/stream`);
  stream.addEventListener('change', (event) => {
    let version;
    try {
      version = JSON.parse(event.data).version;
    } catch {
      version = undefined;
    }
    if (version === undefined || version !== ui.state?.version) scheduleRefresh();
  });
  stream.addEventListener('open', () => {
    stopPolling();
    scheduleRefresh(0);
  });
  stream.addEventListener('error', startPolling);
}

// ---- rendering ----

function renderContext(extra = {}) {
  const state = ui.state;
  return { people: state?.people ?? [], channel: state?.channel, ...extra };
}

function channelLabel(channel) {
  if (!channel) return '';
  return channel.isPrivate ? `🔒 ${channel.name}` : `# ${channel.name}`;
}

function applyState(state) {
  ui.state = state;
  if (state.me && state.me !== ui.actingAs) {
    ui.actingAs = state.me;
    storeActingAs(state.me);
  }
  renderChrome(state);
  renderChannel(state);
  renderThread(state);
  renderModalLayer(state);
}

function renderChrome(state) {
  const label = channelLabel(state.channel);
  page.teamName.textContent = state.team?.name ?? '';
  page.channelLink.textContent = label;
  page.channelTitle.textContent = label;
  page.composerInput.setAttribute('aria-label', `Message ${label}`);
  document.title = `${label} — ${state.team?.name ?? 'Slack'} (sandbox)`;
  const peopleKey = JSON.stringify(state.people);
  if (peopleKey !== ui.rendered.people) {
    ui.rendered.people = peopleKey;
    page.actingAs.innerHTML = (state.people ?? [])
      .map((person) => {
        const text = person.title ? `${person.name} — ${person.title}` : person.name;
        return `<option value="${escapeHtml(person.id)}">${escapeHtml(text)}</option>`;
      })
      .join('');
  }
  page.actingAs.value = state.me ?? '';
}

function compareTs(a, b) {
  const [aSeconds = 0, aMicros = 0] = String(a).split('.').map(Number);
  const [bSeconds = 0, bMicros = 0] = String(b).split('.').map(Number);
  return aSeconds - bSeconds || aMicros - bMicros;
}

function formatTime(ts) {
  const date = new Date(Number(String(ts).split('.')[0]) * 1000);
  if (Number.isNaN(date.getTime())) return { short: '', iso: '' };
  return {
    short: date.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }),
    iso: date.toISOString(),
    long: date.toLocaleString(),
  };
}

function initials(name) {
  const letters = String(name ?? '?')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

function avatarColor(userId) {
  let hash = 0;
  for (const ch of String(userId ?? '')) hash = (hash * 31 + ch.charCodeAt(0)) % 8;
  return hash;
}

function isPerson(userId) {
  return (ui.state?.people ?? []).some((person) => person.id === userId);
}

// Ephemerals carry no author; they come from the app, whose name the channel's messages reveal.
function appName(state) {
  return state.messages?.find((message) => !isPerson(message.user))?.userName ?? 'Benefits Offboarding';
}

function renderArticle(
  message,
  { ephemeral = false, surface = 'channel', authorName, showReplies = true } = {},
) {
  const name = authorName ?? message.userName ?? message.user ?? 'Unknown';
  const isApp = ephemeral || !isPerson(message.user);
  const time = formatTime(message.ts);
  const content = renderMessageContent(message, renderContext({ idPrefix: `${surface}-${message.ts}` }));
  const replies = Array.isArray(message.replies) ? message.replies.length : 0;
  const replyButton =
    showReplies && replies > 0
      ? `<button type="button" class="reply-count" data-open-thread="${escapeHtml(message.ts)}">${replies} ${replies === 1 ? 'reply' : 'replies'}</button>`
      : '';
  const onlyYou = ephemeral ? '<div class="ephemeral-note">👁 Only visible to you</div>' : '';
  const dismiss = ephemeral
    ? `<button type="button" class="ephemeral-dismiss" data-dismiss-ephemeral="${escapeHtml(message.ts)}">Dismiss</button>`
    : '';
  const edited = message.edited ? ' <span class="edited">(edited)</span>' : '';
  const badge = isApp ? ' <span class="app-badge">APP</span>' : '';
  const flags = ephemeral ? ' data-ephemeral' : '';
  const avatar = isApp
    ? '<div class="avatar avatar--app" aria-hidden="true">BO</div>'
    : `<div class="avatar avatar--c${avatarColor(message.user)}" aria-hidden="true">${escapeHtml(initials(name))}</div>`;
  return `<article class="message${ephemeral ? ' message--ephemeral' : ''}" data-ts="${escapeHtml(message.ts)}"${flags} aria-label="${escapeHtml(`${ephemeral ? 'Only visible to you: ' : ''}${name}`)}">${onlyYou}<div class="message-row">${avatar}<div class="message-body"><div class="message-meta"><span class="message-author">${escapeHtml(name)}</span>${badge} <time datetime="${escapeHtml(time.iso)}" title="${escapeHtml(time.long ?? '')}">${escapeHtml(time.short)}</time>${edited}</div><div class="message-content">${content}</div>${replyButton}${dismiss}</div></div></article>`;
}

// What each list child was rendered from: an element whose HTML is unchanged is kept, and with it focus, an
// open overflow menu, typed or selected values and a button disabled while its click is in flight.
const renderedChildren = new WeakMap();

function elementFromHtml(key, html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const element = template.content.firstElementChild;
  renderedChildren.set(element, { key, html });
  return element;
}

/** Makes container's children the items ({key, html}) in order, replacing only those whose HTML changed. */
function reconcileChildren(container, items) {
  const wanted = new Set(items.map((item) => item.key));
  const existing = new Map();
  for (const child of [...container.children]) {
    const key = renderedChildren.get(child)?.key;
    if (key !== undefined && wanted.has(key) && !existing.has(key)) existing.set(key, child);
    else child.remove();
  }
  let cursor = container.firstElementChild;
  for (const { key, html } of items) {
    let element = existing.get(key);
    if (element && renderedChildren.get(element)?.html !== html) {
      const fresh = elementFromHtml(key, html);
      element.replaceWith(fresh);
      if (cursor === element) cursor = fresh;
      element = fresh;
    }
    element ??= elementFromHtml(key, html);
    if (element === cursor) cursor = element.nextElementSibling;
    else container.insertBefore(element, cursor);
  }
}

function visibleEphemerals(state) {
  return (state.ephemerals ?? []).filter((e) => !ui.dismissedEphemerals.has(`${state.me}:${e.ts}`));
}

function renderChannel(state) {
  const ephemerals = visibleEphemerals(state);
  const key = JSON.stringify([state.me, state.people, state.channel, state.messages, ephemerals]);
  if (key === ui.rendered.channel) return;
  const firstRender = ui.rendered.channel === '';
  ui.rendered.channel = key;
  const list = page.messages;
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  const author = appName(state);
  const items = [
    ...(state.messages ?? []).map((message) => ({
      ts: message.ts,
      key: `message:${message.ts}`,
      html: renderArticle(message),
    })),
    ...ephemerals.map((message) => ({
      ts: message.ts,
      key: `ephemeral:${message.ts}`,
      html: renderArticle(message, { ephemeral: true, authorName: author }),
    })),
  ].sort((a, b) => compareTs(a.ts, b.ts));
  if (items.length > 0) {
    reconcileChildren(list, items);
  } else {
    list.innerHTML = `<p class="empty-channel">This is the very beginning of ${escapeHtml(channelLabel(state.channel))}. Start a case with “Simulate HR system”, <code>/benefits-offboard</code> or ⚡ Shortcuts.</p>`;
  }
  if (firstRender || nearBottom) list.scrollTop = list.scrollHeight;
}

function renderThread(state) {
  const parent = ui.openThreadTs
    ? state.messages?.find((message) => message.ts === ui.openThreadTs)
    : undefined;
  if (!parent) ui.openThreadTs = null;
  const key = parent ? JSON.stringify([state.me, state.people, state.channel, parent]) : '';
  if (key === ui.rendered.thread) return;
  ui.rendered.thread = key;
  const list = page.messages;
  const channelAtBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  page.thread.hidden = !parent;
  page.app.classList.toggle('app--thread-open', Boolean(parent));
  // Opening or closing the pane reflows the channel; keep it pinned to the newest message if it was.
  if (channelAtBottom) list.scrollTop = list.scrollHeight;
  if (!parent) {
    page.thread.innerHTML = '';
    return;
  }
  if (!page.thread.querySelector('.thread-messages')) {
    page.thread.innerHTML = `<header class="thread-header"><div><h2 class="thread-title">Thread</h2><span class="thread-channel"></span></div><button type="button" class="thread-close" data-close-thread aria-label="Close thread">×</button></header><div class="thread-messages"></div>`;
  }
  page.thread.querySelector('.thread-channel').textContent = channelLabel(state.channel);
  const replies = parent.replies ?? [];
  const count = `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`;
  reconcileChildren(page.thread.querySelector('.thread-messages'), [
    { key: `parent:${parent.ts}`, html: renderArticle(parent, { surface: 'thread', showReplies: false }) },
    { key: 'divider', html: `<div class="thread-divider"><span>${count}</span></div>` },
    ...replies.map((reply) => ({
      key: `reply:${reply.ts}`,
      html: renderArticle(reply, { surface: 'thread' }),
    })),
  ]);
}

function modalControls(root) {
  return [...root.querySelectorAll('form [data-element-type]')].map((control) => ({
    control,
    blockId: control.closest('[data-block-id]')?.dataset.blockId ?? '',
    actionId: control.dataset.actionId ?? '',
  }));
}

function readControl(control) {
  switch (control.dataset.elementType) {
    case 'checkboxes':
      return [...control.querySelectorAll('input:checked')].map((input) => input.value);
    case 'radio_buttons':
      return control.querySelector('input:checked')?.value ?? '';
    case 'multi_static_select':
    case 'multi_users_select':
      return [...control.selectedOptions].map((option) => option.value);
    default:
      return control.value;
  }
}

function writeControl(control, raw) {
  const values = Array.isArray(raw) ? raw : [raw];
  switch (control.dataset.elementType) {
    case 'checkboxes':
    case 'radio_buttons':
      for (const input of control.querySelectorAll('input')) input.checked = values.includes(input.value);
      break;
    case 'multi_static_select':
    case 'multi_users_select':
      for (const option of control.options) option.selected = values.includes(option.value);
      break;
    default:
      control.value = values[0] ?? '';
  }
}

function readModalRaw(root) {
  const raw = new Map();
  for (const { control, blockId, actionId } of modalControls(root)) {
    raw.set(`${blockId}\u0000${actionId}`, readControl(control));
  }
  return raw;
}

function focusFirstField(root, invalidOnly) {
  const selector = invalidOnly
    ? '[aria-invalid="true"]:is(input, textarea, select), [aria-invalid="true"] input'
    : 'form input, form textarea, form select';
  const field = root.querySelector(selector) ?? root.querySelector('[role="dialog"] button');
  field?.focus();
}

function renderModalLayer(state) {
  const modal = state.modal;
  // Compared as rendered: an update that brings the same view back (only a new hash) leaves the dialog alone.
  const html = modal ? renderModal(modal, renderContext()) : '';
  if (html === ui.rendered.modal) return;
  const root = page.modalRoot;
  // Slack keeps what was typed when the same view is updated or comes back with errors.
  const kept = modal && modal.viewId === ui.rendered.modalViewId ? readModalRaw(root) : null;
  ui.rendered.modal = html;
  ui.rendered.modalViewId = modal?.viewId ?? null;
  page.app.inert = Boolean(modal);
  root.innerHTML = html;
  if (!modal) return;
  if (kept) {
    for (const { control, blockId, actionId } of modalControls(root)) {
      const raw = kept.get(`${blockId}\u0000${actionId}`);
      if (raw !== undefined) writeControl(control, raw);
    }
  }
  focusFirstField(root, Boolean(kept) && Object.keys(modal.errors ?? {}).length > 0);
}

// ---- toasts and confirmations ----

function showToast(text, kind = 'info') {
  const toast = document.createElement('div');
  toast.className = `toast toast--${kind}`;
  toast.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  toast.textContent = text;
  page.toasts.append(toast);
  setTimeout(() => toast.remove(), kind === 'error' ? 7000 : 4000);
}

function askConfirmation(confirm) {
  page.confirmRoot.innerHTML = renderConfirmDialog(confirm, renderContext());
  page.modalRoot.inert = true;
  page.app.inert = true;
  page.confirmRoot.querySelector('[data-confirm="yes"]')?.focus();
  return new Promise((resolve) => {
    ui.pendingConfirm = (answer) => {
      ui.pendingConfirm = null;
      page.confirmRoot.innerHTML = '';
      page.modalRoot.inert = false;
      page.app.inert = Boolean(ui.state?.modal);
      resolve(answer);
    };
  });
}

// ---- interactions ----

function sourceOf(node) {
  const state = ui.state;
  const dialog = node.closest('[data-view-id]');
  if (dialog) {
    return { source: { type: 'modal', viewId: dialog.dataset.viewId }, blocks: state?.modal?.view?.blocks };
  }
  const article = node.closest('article[data-ts]');
  if (!article) return undefined;
  const ts = article.dataset.ts;
  if (article.hasAttribute('data-ephemeral')) {
    const ephemeral = state?.ephemerals?.find((e) => e.ts === ts);
    return { source: { type: 'ephemeral', ts }, blocks: ephemeral?.blocks };
  }
  const message = (state?.messages ?? [])
    .flatMap((m) => [m, ...(m.replies ?? [])])
    .find((candidate) => candidate.ts === ts);
  return { source: { type: 'message', ts }, blocks: message?.blocks };
}

async function sendAction(node, extra, option) {
  const origin = sourceOf(node);
  const blockId = node.closest('[data-block-id]')?.dataset.blockId;
  const actionId = node.closest('[data-action-id]')?.dataset.actionId;
  if (!origin || blockId === undefined || actionId === undefined) return;
  const element = findElement(origin.blocks, blockId, actionId);
  const confirm = element?.confirm;
  if (confirm && !(await askConfirmation(confirm))) return;
  const url = option?.url ?? (element?.type === 'button' ? element.url : undefined);
  if (isSafeUrl(url)) window.open(url, '_blank', 'noopener,noreferrer');
  const body = { as: ui.actingAs, source: origin.source, actionId, blockId, ...extra };
  if (element?.type === 'button' && element.value !== undefined) body.value = element.value;
  if (option) body.selectedOption = option;
  await post('click', body);
}

function closeMenus(except) {
  for (const menu of document.querySelectorAll('.bk-menu:not([hidden])')) {
    if (menu === except) continue;
    menu.hidden = true;
    menu.parentElement?.querySelector('.bk-overflow-toggle')?.setAttribute('aria-expanded', 'false');
  }
}

async function onClick(event) {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const confirmAnswer = target.closest('[data-confirm]');
  if (confirmAnswer) {
    ui.pendingConfirm?.(confirmAnswer.dataset.confirm === 'yes');
    return;
  }
  const toggle = target.closest('.bk-overflow-toggle');
  const menu = toggle?.parentElement?.querySelector('.bk-menu');
  closeMenus(menu);
  if (toggle && menu) {
    menu.hidden = !menu.hidden;
    toggle.setAttribute('aria-expanded', String(!menu.hidden));
    if (!menu.hidden) menu.querySelector('[role="menuitem"]')?.focus();
    return;
  }
  const menuItem = target.closest('.bk-menu-item');
  if (menuItem) {
    const origin = sourceOf(menuItem);
    const wrapper = menuItem.closest('[data-action-id]');
    const blockId = menuItem.closest('[data-block-id]')?.dataset.blockId ?? '';
    const element = findElement(origin?.blocks, blockId, wrapper?.dataset.actionId ?? '');
    const option = findOption(element, menuItem.dataset.optionValue ?? '');
    if (option) await sendAction(menuItem, {}, option);
    return;
  }
  const button = target.closest('button[data-action-id]');
  if (button) {
    button.disabled = true;
    try {
      await sendAction(button, {});
    } finally {
      button.disabled = false;
    }
    return;
  }
  const threadOpener = target.closest('[data-open-thread]');
  if (threadOpener) {
    ui.openThreadTs = threadOpener.dataset.openThread;
    if (ui.state) renderThread(ui.state);
    page.thread.querySelector('.thread-close')?.focus();
    return;
  }
  if (target.closest('[data-close-thread]')) {
    ui.openThreadTs = null;
    if (ui.state) renderThread(ui.state);
    return;
  }
  const dismiss = target.closest('[data-dismiss-ephemeral]');
  if (dismiss && ui.state) {
    ui.dismissedEphemerals.add(`${ui.state.me}:${dismiss.dataset.dismissEphemeral}`);
    renderChannel(ui.state);
    return;
  }
  const close = target.closest('[data-modal-close]');
  const viewId = close?.closest('[data-view-id]')?.dataset.viewId;
  if (viewId) {
    await post('close', { as: ui.actingAs, viewId });
    return;
  }
}

async function onChange(event) {
  const control = event.target instanceof Element ? event.target.closest('[data-dispatch]') : null;
  if (control?.tagName !== 'SELECT' || control.multiple) return;
  const origin = sourceOf(control);
  const blockId = control.closest('[data-block-id]')?.dataset.blockId ?? '';
  const element = findElement(origin?.blocks, blockId, control.dataset.actionId ?? '');
  if (!element || control.value === '') return;
  if (element.type === 'static_select') {
    const option = findOption(element, control.value);
    if (option) await sendAction(control, {}, option);
  } else {
    await sendAction(control, { value: control.value });
  }
}

function showLocalErrors(root, blockIds) {
  for (const block of root.querySelectorAll('.bk-input[data-block-id]')) {
    const missing = blockIds.includes(block.dataset.blockId);
    const error = block.querySelector('.bk-error');
    const control = block.querySelector('[data-element-type]');
    if (error && missing) {
      error.hidden = false;
      error.dataset.local = '';
      error.textContent = 'Please complete this required field.';
    }
    if (control && missing) control.setAttribute('aria-invalid', 'true');
  }
  focusFirstField(root, true);
}

// A required-field error raised by the page goes as soon as the field is touched; server errors stay, as in Slack.
function clearLocalError(event) {
  const block = event.target instanceof Element ? event.target.closest('.bk-input[data-block-id]') : null;
  const error = block?.querySelector('.bk-error[data-local]');
  if (!block || !error) return;
  error.hidden = true;
  delete error.dataset.local;
  block.querySelector('[aria-invalid="true"]')?.removeAttribute('aria-invalid');
}

async function submitModal(form) {
  const modal = ui.state?.modal;
  const dialog = form.closest('[data-view-id]');
  if (!modal || dialog?.dataset.viewId !== modal.viewId) return;
  const raw = readModalRaw(page.modalRoot);
  const values = viewStateValues(modal.view?.blocks, (blockId, actionId) =>
    raw.get(`${blockId}\u0000${actionId}`),
  );
  const missing = missingRequiredInputs(modal.view?.blocks, values);
  if (missing.length > 0) {
    showLocalErrors(page.modalRoot, missing);
    return;
  }
  const submit = dialog.querySelector('[data-modal-submit]');
  if (submit) submit.disabled = true;
  const result = await post('submit', { as: ui.actingAs, viewId: modal.viewId, values });
  if (submit?.isConnected) submit.disabled = false;
  return result;
}

async function runCommand(form) {
  const text = page.composerInput.value.trim();
  if (text === '') return;
  if (!text.startsWith('/')) {
    showToast('The sandbox runs slash commands only: try /benefits-status or /benefits-offboard.', 'error');
    return;
  }
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  const result = await post('command', { as: ui.actingAs, text });
  submit.disabled = false;
  if (result.ok) page.composerInput.value = '';
}

async function sendWebhook(form) {
  const data = new FormData(form);
  const field = (name) => String(data.get(name) ?? '').trim();
  const body = { email: field('email'), name: field('name'), lastDay: field('lastDay') };
  const vendors = data.getAll('vendors').map(String);
  if (vendors.length > 0) body.vendors = vendors;
  if (field('externalId') !== '') body.externalId = field('externalId');
  const result = await post('webhook', body);
  if (result.ok) showToast(`HR system sent the departure of ${body.name || body.email}.`);
}

function onSubmit(event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  event.preventDefault();
  if (form.id === 'modal-form') submitModal(form);
  else if (form === page.composer) runCommand(form);
  else if (form === page.webhookForm) sendWebhook(form);
}

function onKeydown(event) {
  if (event.key !== 'Escape') return;
  if (ui.pendingConfirm) {
    ui.pendingConfirm(false);
    return;
  }
  if (document.querySelector('.bk-menu:not([hidden])')) {
    closeMenus();
    return;
  }
  const viewId = ui.state?.modal?.viewId;
  if (viewId) post('close', { as: ui.actingAs, viewId });
}

function onActingAsChange() {
  ui.actingAs = page.actingAs.value;
  storeActingAs(ui.actingAs);
  closeMenus();
  scheduleRefresh(0);
}

function defaultLastDay() {
  const date = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000);
  return date.toISOString().slice(0, 10);
}

function start() {
  const lastDay = page.webhookForm.elements.namedItem('lastDay');
  if (lastDay instanceof HTMLInputElement && lastDay.value === '') lastDay.value = defaultLastDay();
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  page.modalRoot.addEventListener('input', clearLocalError);
  document.addEventListener('submit', onSubmit);
  document.addEventListener('keydown', onKeydown);
  page.actingAs.addEventListener('change', onActingAsChange);
  page.shortcuts.addEventListener('click', () =>
    post('shortcut', { as: ui.actingAs, callbackId: 'start_offboarding' }),
  );
  fetchState();
  connectStream();
}

start();
