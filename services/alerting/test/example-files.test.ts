import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRoutes } from '../src/dispatch/routes.js';
import { parseReceiversFile } from '../src/receivers/config.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../${name}`, import.meta.url), 'utf8'));

describe('the example configuration files an operator copies', () => {
  it('name receivers that the receivers file accepts', () => {
    const receivers = parseReceiversFile(read('receivers.example.json'), 'receivers.example.json');
    expect(receivers.receivers.map((r) => r.name)).toEqual(['ops', 'kcc-teamleads']);
  });

  it('route to those receivers only, with escalation and timing the routes file accepts', () => {
    const names = new Set(parseReceiversFile(read('receivers.example.json')).receivers.map((r) => r.name));
    const routes = parseRoutes(read('routes.example.json'), {
      source: 'routes.example.json',
      receivers: names,
    });
    expect(routes.routes[0]).toMatchObject({ escalate_after: 900, repeat_interval: 4 * 3600 });
    expect(routes.routes[1]).toMatchObject({ group_by: ['tenant', 'team'], group_wait: 30 });
  });
});
