import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackStandin, type SlackStandinOptions } from '../../src/slack-standin/standin.js';

export const botToken = 'xoxb-sandbox-offboarding-token';
export const signingSecret = 'sandbox-signing-secret';

export const hrApprover = { id: 'U0HRAPPR01', name: 'hana', realName: 'Hana Reyes', title: 'HR Partner' };
export const itAdmin = { id: 'U0ITADMN01', name: 'ivan', realName: 'Ivan Osei', title: 'IT Administrator' };
export const leaver = { id: 'U0LEAVER01', name: 'lee', realName: 'Lee Park', title: 'Account Executive' };

export const offboardingChannel = { id: 'C0OFFBOARD', name: 'benefits-offboarding', isPrivate: true };

export function offboardingStandin(overrides: Partial<SlackStandinOptions> = {}) {
  return createSlackStandin({
    botToken,
    signingSecret,
    people: [hrApprover, itAdmin, leaver],
    userGroups: { S0HRAPPROV: [hrApprover.id], S0ITADMINS: [itAdmin.id] },
    primaryChannel: { ...offboardingChannel, memberIds: [hrApprover.id, itAdmin.id] },
    ...overrides,
  });
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 10, 25, 9, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface ReceivedRequest {
  headers: IncomingMessage['headers'];
  body: string;
}

export type AppResponder = (request: ReceivedRequest, res: ServerResponse) => unknown;

/** A bare HTTP server standing in for an app, recording what Slack sends it. */
export async function startRecordingApp(respond: AppResponder = (_request, res) => res.end()) {
  const received: ReceivedRequest[] = [];
  let responder = respond;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    received.push(request);
    await responder(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    received,
    respondWith(next: AppResponder) {
      responder = next;
    },
    /** The interaction payload of the last request (`payload=` form field). */
    lastPayload(): Record<string, unknown> {
      const last = received.at(-1);
      if (!last) throw new Error('the app received nothing');
      return JSON.parse(new URLSearchParams(last.body).get('payload') ?? 'null') as Record<string, unknown>;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function answerJson(body: unknown): AppResponder {
  return (_request, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

/** Calls a Web API method of the stand-in the way an HTTP client would. */
export async function callApi(
  apiUrl: string,
  method: string,
  args: Record<string, unknown>,
  options: { token?: string | null; encoding?: 'form' | 'json' } = {},
) {
  const token = options.token === undefined ? botToken : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string;
  if (options.encoding === 'json') {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(args);
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(
      Object.entries(args)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]): [string, string] => [
          key,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
    ).toString();
  }
  const response = await fetch(`${apiUrl}${method}`, { method: 'POST', headers, body });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown> & { ok: boolean; error?: string },
  };
}

export const approvalCard = [
  { type: 'header', text: { type: 'plain_text', text: 'Offboarding: Lee Park' } },
  {
    type: 'section',
    block_id: 'case',
    text: { type: 'mrkdwn', text: '*Last day:* 2026-12-01\n*Vendors:* Acme Dental, VisionOne' },
  },
  {
    type: 'actions',
    block_id: 'decision',
    elements: [
      {
        type: 'button',
        action_id: 'approve_removal',
        text: { type: 'plain_text', text: 'Approve' },
        style: 'primary',
        value: 'case-1',
      },
      {
        type: 'button',
        action_id: 'reject_removal',
        text: { type: 'plain_text', text: 'Reject' },
        value: 'case-1',
      },
      {
        type: 'static_select',
        action_id: 'assign_vendor',
        placeholder: { type: 'plain_text', text: 'Assign a vendor' },
        options: [
          { text: { type: 'plain_text', text: 'Acme Dental' }, value: 'acme-dental' },
          { text: { type: 'plain_text', text: 'VisionOne' }, value: 'vision-one' },
        ],
      },
    ],
  },
];

export const removalModal = {
  type: 'modal',
  callback_id: 'confirm_removal',
  private_metadata: 'case-1',
  title: { type: 'plain_text', text: 'Confirm removal' },
  submit: { type: 'plain_text', text: 'Confirm' },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks: [
    {
      type: 'input',
      block_id: 'reference',
      label: { type: 'plain_text', text: 'Vendor reference' },
      element: { type: 'plain_text_input', action_id: 'value', min_length: 3 },
    },
    {
      type: 'input',
      block_id: 'vendor',
      optional: true,
      label: { type: 'plain_text', text: 'Vendor' },
      element: {
        type: 'static_select',
        action_id: 'choice',
        options: [
          { text: { type: 'plain_text', text: 'Acme Dental' }, value: 'acme-dental' },
          { text: { type: 'plain_text', text: 'VisionOne' }, value: 'vision-one' },
        ],
      },
    },
  ],
};
