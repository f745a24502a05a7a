import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { COMMAND_START, SHORTCUT_START } from '../../src/offboarding/offboarding.listeners.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../shared/slack/manifest.schema.1.0.0.json', import.meta.url), 'utf8'),
);
const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));

const validate = (document: unknown) => {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const check = ajv.compile(schema);
  return check(document) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
};

describe('manifest.yml', () => {
  test("validates against Slack's published app-manifest schema", () => {
    expect(validate(manifest)).toEqual([]);
  });

  test('the Socket Mode switch described in its header also validates', () => {
    const socket = structuredClone(manifest);
    socket.settings.socket_mode_enabled = true;
    delete socket.settings.interactivity.request_url;
    for (const command of socket.features.slash_commands) delete command.url;
    expect(validate(socket)).toEqual([]);
  });

  test('a manifest with a made-up field is refused, so the schema check can fail', () => {
    expect(
      validate({ ...manifest, display_information: { ...manifest.display_information, colour: 'x' } }),
    ).not.toEqual([]);
  });

  test('declares both slash commands and the global shortcut the app listens for', () => {
    const commands = manifest.features.slash_commands.map((command: { command: string }) => command.command);
    expect(commands.sort()).toEqual(['/benefits-offboard', '/benefits-status']);
    expect(commands).toContain(COMMAND_START);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'global', callback_id: SHORTCUT_START }),
    ]);
  });

  test('asks for the bot scopes the app uses and no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['chat:write', 'commands', 'groups:read', 'usergroups:read', 'users:read', 'users:read.email'].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  test('sends interactivity and commands to the endpoint the app serves', () => {
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    for (const command of manifest.features.slash_commands) expect(command.url).toMatch(/\/slack\/events$/);
  });
});
