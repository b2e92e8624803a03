import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReceiversFile, parseReceiversFile } from '../../src/receivers/config.js';
import { createReceivers } from '../../src/receivers/index.js';

const file = {
  receivers: [
    { type: 'webhook', name: 'ops', url: 'https://hooks.example.nl/stuurwiel', secret_env: 'OPS_SECRET' },
    {
      type: 'email',
      name: 'kcc-leads',
      to: ['teamleads@gm0363.example.nl'],
      from: 'stuurwiel@gm0363.example.nl',
    },
  ],
};

const env = { OPS_SECRET: 'a-secret-of-enough-length', ALERTING_SMTP_URL: 'smtp://127.0.0.1:2525' };

describe('receivers file', () => {
  it('reads webhook and e-mail receivers, with the default timeouts', () => {
    expect(parseReceiversFile(file).receivers).toEqual([
      { ...file.receivers[0], timeout_ms: 5000 },
      { ...file.receivers[1], timeout_ms: 10_000 },
    ]);
  });

  it('builds one receiver per entry, by name and type', () => {
    const receivers = createReceivers(parseReceiversFile(file).receivers, { env });
    expect([...receivers].map(([name, r]) => [name, r.type])).toEqual([
      ['ops', 'webhook'],
      ['kcc-leads', 'email'],
    ]);
  });

  it('names every wrong field and why', () => {
    const bad = {
      receivers: [
        { type: 'webhook', name: 'ops', url: 'ftp://x', secret_env: 'lower case', timeout_ms: 5 },
        { type: 'email', name: 'ops', to: ['not an address'], from: 'stuurwiel@example.nl' },
        { type: 'pager', name: 'p' },
      ],
    };
    expect(() => parseReceiversFile(bad, 'receivers.json')).toThrow(
      [
        'receivers.json is invalid:',
        '  receivers[0].url: must be an http(s) URL',
        '  receivers[0].secret_env: must name an environment variable, such as ALERTING_WEBHOOK_SECRET',
        '  receivers[0].timeout_ms: Too small: expected number to be >=100',
        '  receivers[1].to[0]: must be an e-mail address',
        '  receivers[2].type: must be one of webhook, email',
      ].join('\n'),
    );
  });

  it('refuses two receivers with one name', () => {
    const twice = { receivers: [file.receivers[0], { ...file.receivers[1], name: 'ops' }] };
    expect(() => parseReceiversFile(twice)).toThrow(
      "receivers[1].name: 'ops' is used by an earlier receiver; names must be unique",
    );
  });

  it('refuses a secret written into the file instead of an environment variable', () => {
    const inline = { receivers: [{ ...file.receivers[0], secret: 'hunter2hunter2hunter2' }] };
    expect(() => parseReceiversFile(inline)).toThrow('receivers[0]: Unrecognized key: "secret"');
  });

  it('names the receiver and the variable when a secret is missing or too short', () => {
    const { receivers } = parseReceiversFile(file);
    expect(() => createReceivers(receivers, { env: { ALERTING_SMTP_URL: env.ALERTING_SMTP_URL } })).toThrow(
      'receivers[0] (ops): secret_env: environment variable OPS_SECRET is not set',
    );
    expect(() => createReceivers(receivers, { env: { ...env, OPS_SECRET: 'short' } })).toThrow(
      'receivers[0] (ops): secret_env: environment variable OPS_SECRET must hold at least 16 characters',
    );
  });

  it('reads the example file shipped beside the service', async () => {
    const example = new URL('../../receivers.example.json', import.meta.url);
    const { receivers } = await loadReceiversFile(example.pathname);
    expect(receivers.map((r) => `${r.type}:${r.name}`)).toEqual(['webhook:ops', 'email:kcc-teamleads']);
  });

  it('takes a sender with or without a name, and names a wrong one', () => {
    const withSender = (from: string) => ({ receivers: [{ ...file.receivers[1], from }] });
    expect(parseReceiversFile(withSender('Stuurwiel <alerts@gm0363.nl>')).receivers[0]).toMatchObject({
      from: 'Stuurwiel <alerts@gm0363.nl>',
    });
    expect(() => parseReceiversFile(withSender('Stuurwiel <nobody>'))).toThrow(
      'receivers[0].from: must be an e-mail address, optionally with a name',
    );
  });

  it('reads a file from disk and says when it is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'receivers-'));
    const good = join(dir, 'receivers.json');
    await writeFile(good, JSON.stringify(file));
    expect((await loadReceiversFile(good)).receivers.map((r) => r.name)).toEqual(['ops', 'kcc-leads']);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ receivers: ');
    await expect(loadReceiversFile(broken)).rejects.toThrow(`${broken} is not JSON:`);
  });
});
