import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupOf, loadRoutes, parseRoutes, RoutesConfigError, routeFor } from '../../src/dispatch/routes.js';

const minimal = { routes: [{ name: 'gm0363', tenant: 'GM0363', receivers: ['team-webhook'] }] };

function reasons(input: unknown, receivers?: ReadonlySet<string>): readonly string[] {
  try {
    parseRoutes(input, { receivers });
  } catch (error) {
    if (error instanceof RoutesConfigError) return error.reasons;
    throw error;
  }
  throw new Error('expected the routes to be refused');
}

describe('routes', () => {
  it('fills in grouping by tenant and team and 30 s / 5 min / 4 h', () => {
    expect(parseRoutes(minimal).routes[0]).toMatchObject({
      group_by: ['tenant', 'team'],
      group_wait: 30,
      group_interval: 300,
      repeat_interval: 14_400,
      matchers: [],
      escalation_receivers: [],
    });
  });

  it('reads durations as seconds or as text', () => {
    const r = parseRoutes({
      routes: [{ ...minimal.routes[0], group_wait: '45s', group_interval: 120, repeat_interval: '1h30m' }],
    }).routes[0];
    expect(r).toMatchObject({ group_wait: 45, group_interval: 120, repeat_interval: 5400 });
  });

  it('refuses impossible routes, naming each field and its reason', () => {
    const bad = {
      routes: [
        {
          name: 'gm0363',
          tenant: 'GM0363',
          receivers: [],
          group_wait: 'soon',
          group_interval: '1h',
          repeat_interval: '5m',
          escalation_receivers: ['lead'],
        },
        { name: 'gm0363', tenant: 'GM0363', receivers: ['x'] },
      ],
    };
    expect(reasons(bad)).toEqual(
      expect.arrayContaining([
        'routes.0.receivers: Too small: expected array to have >=1 items',
        expect.stringMatching(/^routes\.0\.group_wait: must be seconds or a duration such as 30s/),
      ]),
    );
    const timing = { routes: [{ ...minimal.routes[0], group_interval: '1h', repeat_interval: '5m' }] };
    expect(reasons(timing)).toEqual(['routes.0.repeat_interval: must be at least group_interval (3600 s)']);
    const escalation = { routes: [{ ...minimal.routes[0], escalation_receivers: ['lead'] }] };
    expect(reasons(escalation)).toEqual([
      'routes.0.escalate_after: is required when escalation_receivers are set',
    ]);
    const twice = { routes: [minimal.routes[0], minimal.routes[0]] };
    expect(reasons(twice)).toEqual(['routes.1.name: must be unique; "gm0363" is used before']);
  });

  it('refuses a receiver that does not exist', () => {
    expect(reasons(minimal, new Set(['mail', 'hook']))).toEqual([
      'routes.0.receivers.0: unknown receiver "team-webhook" (known: hook, mail)',
    ]);
  });

  it('reads a JSON file and names the file when it is broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'routes-'));
    const good = join(dir, 'routes.json');
    await writeFile(good, JSON.stringify(minimal));
    expect((await loadRoutes(good)).routes).toHaveLength(1);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ routes: ');
    await expect(loadRoutes(broken)).rejects.toThrow(/Invalid routes in .*broken\.json/);
  });

  it('takes the first route whose tenant and matchers fit, and groups by team or else the municipality', () => {
    const config = parseRoutes({
      routes: [
        { name: 'kcc', tenant: 'GM0363', matchers: [{ name: 'team', value: 'kcc' }], receivers: ['kcc'] },
        { name: 'gm0363', tenant: 'GM0363', receivers: ['all'] },
      ],
    });
    const kcc = { tenant: 'GM0363', labels: { tenant: 'GM0363', team: 'kcc', queue: 'q1' } };
    const noTeam = { tenant: 'GM0363', labels: { tenant: 'GM0363', source: 'qmatic/a' } };
    expect(routeFor(config, kcc)?.name).toBe('kcc');
    expect(routeFor(config, noTeam)?.name).toBe('gm0363');
    expect(routeFor(config, { tenant: 'GM0599', labels: {} })).toBeUndefined();
    expect(groupOf(config.routes[0]!, kcc)).toEqual({
      key: 'kcc:{team="kcc",tenant="GM0363"}',
      labels: { team: 'kcc', tenant: 'GM0363' },
    });
    expect(groupOf(config.routes[1]!, noTeam).key).toBe('gm0363:{tenant="GM0363"}');
  });
});
