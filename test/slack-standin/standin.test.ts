import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { callApi, hrApprover, offboardingStandin, startRecordingApp } from './offboarding-workspace.js';

test('mounted in the product server, the stand-in serves its own routes only and learns the app URL late', async () => {
  const standin = offboardingStandin({ apiPrefix: '/sandbox/slack/api/' });
  const product = createServer((req, res) => {
    if (standin.webApi.handle(req, res)) return;
    res.end('the product answered');
  });
  await new Promise<void>((resolve) => product.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(product.address() as AddressInfo).port}`;
  standin.endpoints.responseUrlBase = `${url}/sandbox/slack/hooks`;
  const app = await startRecordingApp();
  try {
    expect((await callApi(`${url}/sandbox/slack/api/`, 'auth.test', {})).json.ok).toBe(true);
    expect(await (await fetch(`${url}/api/auth.test`, { method: 'POST' })).text()).toBe(
      'the product answered',
    );

    await expect(
      standin.interactions.runSlashCommand({ user: hrApprover.id, command: '/benefits-status', text: '' }),
    ).rejects.toThrow(/appEventsUrl is not set/);
    standin.setAppEventsUrl(app.url);
    const { responseUrl } = await standin.interactions.runSlashCommand({
      user: hrApprover.id,
      command: '/benefits-status',
      text: '',
    });
    expect(responseUrl.startsWith(`${url}/sandbox/slack/hooks/commands/`)).toBe(true);
    const answer = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Two vendors left for Lee Park' }),
    });
    expect(answer.status).toBe(200);
    expect(standin.workspace.snapshotFor(hrApprover.id).ephemerals.at(-1)?.text).toBe(
      'Two vendors left for Lee Park',
    );
  } finally {
    await app.close();
    product.closeAllConnections();
    await new Promise((resolve) => product.close(resolve));
  }
});
