import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configSchema as aggregator } from '@stuurwiel/aggregator';
import { configSchema as alerting } from '@stuurwiel/alerting';
import { configSchema as gateway } from '@stuurwiel/gateway';
import { configSchema as ingest } from '@stuurwiel/ingest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { CLICKHOUSE } from '../deploy/grafana/src/clickhouse-query.js';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

interface ComposeService {
  image?: string;
  volumes?: string[];
  build?: { context?: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number)[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: unknown; disable?: boolean };
}

const compose = parse(readFileSync(root('docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

/** `.env.example`: the variables it assigns, and every variable it mentions (also `# NAME=`). */
function readEnvExample() {
  const values: Record<string, string> = {};
  const documented = new Set<string>();
  const undocumented: string[] = [];
  const lines = readFileSync(root('.env.example'), 'utf8').split('\n');
  lines.forEach((line, i) => {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) return;
    const [, commented, name, value] = match as unknown as [string, string | undefined, string, string];
    documented.add(name);
    if (!commented) values[name] = value;
    if (!lines[i - 1]?.trim().startsWith('#')) undocumented.push(name);
  });
  return { values, documented, undocumented };
}
const envExample = readEnvExample();

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $$. */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (all, name, op, arg) => {
    if (all === '$$') return '$';
    const value = vars[name as string];
    const unset = value === undefined || (op?.startsWith(':') && value === '');
    if (!unset) return value as string;
    if (op?.endsWith('-')) return arg as string;
    if (op?.endsWith('?')) throw new Error(`${name} must be set: ${arg}`);
    return '';
  });
}

function environment(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((item) => {
        const at = item.indexOf('=');
        return [item.slice(0, at), item.slice(at + 1)] as const;
      })
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)] as const);
  return Object.fromEntries(entries);
}

function variablesIn(text: string): string[] {
  return [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);
}

const appServices: Record<string, z.ZodObject> = { ingest, aggregator, alerting, gateway };
const usesClickHouse = new Set(['aggregator', 'alerting', 'gateway']);

describe('docker-compose.yml', () => {
  it('defines the infrastructure, the migrations and the four services', () => {
    for (const name of ['kafka', 'clickhouse', 'grafana', 'migrate', ...Object.keys(appServices)]) {
      expect(services[name], name).toBeDefined();
    }
  });

  describe.each(Object.entries(appServices))('%s', (name, schema) => {
    const service = services[name] ?? {};
    const raw = environment(service);
    const env = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, interpolate(v, envExample.values)]),
    );

    it('sets only variables its config schema knows', () => {
      const known = Object.keys(schema.shape);
      for (const key of Object.keys(raw)) expect(known, `${name} sets unknown ${key}`).toContain(key);
    });

    it('sets every required variable', () => {
      for (const [key, field] of Object.entries(schema.shape)) {
        if (!(field as z.ZodType).safeParse(undefined).success)
          expect(raw, `${name} misses ${key}`).toHaveProperty(key);
      }
    });

    it('sets an environment its config schema accepts', () => {
      const result = schema.safeParse(env);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    });

    it('publishes the port it listens on, on the loopback address only', () => {
      expect(service.ports).toEqual([`127.0.0.1:${env.PORT}:${env.PORT}`]);
      expect(JSON.stringify(service.healthcheck?.test)).toContain(`127.0.0.1:${env.PORT}/healthz`);
    });

    it('is built from its own Dockerfile, which exposes that port and runs its main', () => {
      expect(service.build?.context).toBe('.');
      expect(service.build?.dockerfile).toBe(`services/${name}/Dockerfile`);
      const dockerfile = root(`services/${name}/Dockerfile`);
      expect(existsSync(dockerfile)).toBe(true);
      const text = readFileSync(dockerfile, 'utf8');
      expect(text).toContain(`EXPOSE ${env.PORT}`);
      expect(text).toContain(`CMD ["node", "services/${name}/dist/main.js"]`);
    });

    it('waits for healthy dependencies, the topics and, with ClickHouse, for the migrations', () => {
      const expected: Record<string, { condition: string }> = {
        kafka: { condition: 'service_healthy' },
        topics: { condition: 'service_completed_successfully' },
      };
      if (usesClickHouse.has(name)) {
        expected.clickhouse = { condition: 'service_healthy' };
        expected.migrate = { condition: 'service_completed_successfully' };
      }
      expect(service.depends_on).toEqual(expected);
    });
  });

  it("names Kafka's brokers as Kafka advertises them", () => {
    const advertised = environment(services.kafka ?? {}).KAFKA_ADVERTISED_LISTENERS ?? '';
    const addresses = advertised.split(',').map((listener) => listener.replace(/^[A-Z_]+:\/\//, ''));
    for (const name of Object.keys(appServices)) {
      const brokers = (environment(services[name] ?? {}).KAFKA_BROKERS ?? '').split(',');
      for (const broker of brokers) {
        expect(addresses, `${name}: ${broker}`).toContain(broker);
        // The containers reach Kafka by its compose service name.
        expect(broker.split(':')[0]).toBe('kafka');
      }
    }
  });

  it('runs the migrations from the gateway image, after ClickHouse is healthy', () => {
    const migrate = services.migrate ?? {};
    expect(migrate.image).toBe(services.gateway?.image);
    expect(migrate.build?.dockerfile).toBe('services/gateway/Dockerfile');
    expect(migrate.command).toEqual(['node', 'deploy/clickhouse/dist/migrate-cli.js']);
    expect(migrate.depends_on).toEqual({ clickhouse: { condition: 'service_healthy' } });
    expect(readFileSync(root('services/gateway/Dockerfile'), 'utf8')).toContain('deploy/clickhouse');
  });

  it('creates the Kafka topics from the aggregator image, after Kafka is healthy', () => {
    const topics = services.topics ?? {};
    expect(topics.image).toBe(services.aggregator?.image);
    expect(topics.build?.dockerfile).toBe('services/aggregator/Dockerfile');
    expect(topics.command).toEqual(['node', 'deploy/kafka/dist/topics-cli.js']);
    expect(topics.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    expect(readFileSync(root('services/aggregator/Dockerfile'), 'utf8')).toContain('deploy/kafka/dist');
  });

  it('takes every password from .env, without a default', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(environment(service))) {
        if (/PASSWORD/.test(key)) expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
      }
    }
  });

  it('publishes no port beyond 127.0.0.1, of any service', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => ({ name, port: String(port) })),
    );
    expect(published.map((p) => p.name)).toContain('kafka');
    // A port without a host address ("9094:9094", "9094") is published on every interface.
    const open = published.filter(({ port }) => !/^127\.0\.0\.1:\d+:\d+(\/tcp)?$/.test(port));
    expect(open).toEqual([]);
  });

  it('has a health check on every long-running service', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'migrate' || name === 'topics') continue;
      expect(service.healthcheck?.test, name).toBeDefined();
    }
  });
});

describe('the grafana service', () => {
  const grafana = services.grafana ?? {};
  const env = environment(grafana);
  const provisioning = (path: string) =>
    parse(readFileSync(root(`deploy/grafana/provisioning/${path}`), 'utf8')) as Record<string, unknown>;
  const mounts = Object.fromEntries(
    (grafana.volumes ?? []).map((v) => {
      const [host, container] = v.split(':');
      return [container as string, host as string];
    }),
  );

  it('runs a pinned Grafana with a pinned ClickHouse plugin', () => {
    expect(grafana.image).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
    expect(env.GF_PLUGINS_PREINSTALL_SYNC).toMatch(/^grafana-clickhouse-datasource@\d+\.\d+\.\d+$/);
  });

  it('mounts the provisioning and the generated dashboards where the provisioning looks', () => {
    expect(mounts['/etc/grafana/provisioning']).toBe('./deploy/grafana/provisioning');
    const providers = provisioning('dashboards/stuurwiel.yaml').providers as { options: { path: string } }[];
    for (const provider of providers)
      expect(mounts[provider.options.path]).toBe('./deploy/grafana/dashboards');
  });

  it('provisions the data source the dashboards name, at the compose ClickHouse, with credentials from its environment', () => {
    const [source] = provisioning('datasources/clickhouse.yaml').datasources as {
      type: string;
      uid: string;
      jsonData: Record<string, unknown>;
      secureJsonData: Record<string, unknown>;
    }[];
    expect(source).toMatchObject({ type: CLICKHOUSE.type, uid: CLICKHOUSE.uid });
    expect(source?.jsonData).toMatchObject({ host: 'clickhouse', port: 8123, protocol: 'http' });
    expect(services.clickhouse?.ports).toContain('127.0.0.1:8123:8123');
    const variables = variablesIn(JSON.stringify(source));
    expect(variables.length).toBeGreaterThan(0);
    for (const name of variables) expect(Object.keys(env), name).toContain(name);
  });

  it('starts once ClickHouse is healthy', () => {
    expect(grafana.depends_on).toEqual({ clickhouse: { condition: 'service_healthy' } });
  });
});

describe('the service images', () => {
  it('copy the package.json of every workspace before npm ci (npm ci refuses a missing workspace)', () => {
    const workspaces = (JSON.parse(readFileSync(root('package.json'), 'utf8')) as { workspaces: string[] })
      .workspaces;
    for (const service of ['ingest', 'aggregator', 'alerting', 'gateway']) {
      const dockerfile = readFileSync(root(`services/${service}/Dockerfile`), 'utf8');
      for (const workspace of workspaces)
        expect(dockerfile, `${service}: ${workspace}`).toContain(
          `COPY ${workspace}/package.json ${workspace}/`,
        );
    }
  });
});

describe('.env.example', () => {
  it('documents every variable of every config schema and of docker-compose.yml', () => {
    const compose = readFileSync(root('docker-compose.yml'), 'utf8');
    const needed = new Set([
      ...Object.values(appServices).flatMap((s) => Object.keys(s.shape)),
      ...variablesIn(compose),
    ]);
    for (const name of needed) expect([...envExample.documented], name).toContain(name);
  });

  it('has a comment above every variable', () => {
    expect(envExample.undocumented).toEqual([]);
  });

  it('configures a service run on the host', () => {
    for (const [name, schema] of Object.entries(appServices)) {
      const result = schema.safeParse(envExample.values);
      expect(result.success, `${name}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });
});
