import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testKafka, testTopics, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { buildApp, loadConfig } from '@stuurwiel/ingest';
import { acceleratedClock } from '@stuurwiel/runtime';
import { ALL_EVENT_TOPICS, type DeadLetter, TOPICS, validateEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  bundledPath,
  makeCredentials,
  parseMunicipality,
  type RunningSimulator,
  type SourceStats,
  startSimulator,
  startZgwServer,
  toTenantSecrets,
  type ZgwServer,
} from '../src/index.js';

/** The most recent Tuesday at least a week back, 09:15 Amsterdam: a busy morning that has passed. */
function pastTuesdayMorning(): Date {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() - 7);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() - 1);
  const date = day.toISOString().slice(0, 10);
  // 08:15Z is 09:15 in winter and 10:15 in summer: both inside the opening hours.
  return new Date(`${date}T08:15:00Z`);
}

/** Reads topics from the start until nothing new came for a while. */
async function readTopics(prefix: string, names: string[]): Promise<Map<string, unknown[]>> {
  const consumer = testKafka(useInfra(), 'simulator-test-reader').consumer({ groupId: uniqueName('reader') });
  const values = new Map<string, unknown[]>(names.map((n) => [n, []]));
  let last = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topics: names.map((n) => `${prefix}${n}`), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      values.get(topic.slice(prefix.length))!.push(JSON.parse(message.value!.toString()));
      last = Date.now();
    },
  });
  const started = Date.now();
  while (Date.now() - last < 3000 || Date.now() - started < 5000)
    await new Promise((r) => setTimeout(r, 200));
  await consumer.disconnect();
  return values;
}

describe('the simulator against a real ingest service on Kafka', () => {
  const prefix = `${uniqueName('simulator')}.`;
  let zgw: ZgwServer;
  let ingest: Awaited<ReturnType<typeof buildApp>>;
  let simulator: RunningSimulator;
  let stats: Record<string, SourceStats>;
  let topics: Map<string, unknown[]>;

  beforeAll(async () => {
    const infra = useInfra();
    await testTopics(
      infra,
      [...ALL_EVENT_TOPICS, TOPICS.deadLetter].map((t) => ({ topic: `${prefix}${t}`, partitions: 3 })),
    );
    // The small municipality made busier, with more bad records and survey answers, so that a
    // short stretch shows every source's events and dead letters.
    const input = parse(await readFile(bundledPath('oosterwaarde'), 'utf8'));
    input.counter.visits_per_weekday = 200;
    input.locations[0].desks = 5;
    for (const type of input.cases.types) {
      type.per_weekday *= 10;
      type.closed_per_weekday *= 10;
    }
    const municipality = parseMunicipality({
      ...input,
      bad_record_share: 0.3,
      survey: { ...input.survey, response_share: { counter: 0.9, phone: 0.9 } },
    });
    zgw = await startZgwServer();
    const made = makeCredentials([municipality], zgw.url);
    const dir = await mkdtemp(join(tmpdir(), 'simulator-int-'));
    await writeFile(join(dir, 'ingest-credentials.json'), JSON.stringify(made.ingestCredentials));

    ingest = buildApp(
      loadConfig({
        KAFKA_BROKERS: infra.kafka.brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        INGEST_CREDENTIALS_FILE: join(dir, 'ingest-credentials.json'),
        // The simulator's ZGW server speaks plain http on localhost.
        INGEST_ALLOW_INSECURE_HTTP: 'true',
        LOG_LEVEL: 'warn',
      }),
    );
    await ingest.listen({ port: 0, host: '127.0.0.1' });
    const start = pastTuesdayMorning();
    simulator = await startSimulator({
      municipalities: [municipality],
      ingestUrl: `http://127.0.0.1:${(ingest.server.address() as AddressInfo).port}`,
      secrets: toTenantSecrets(made.secrets),
      // 75 simulated minutes at 300 times the wall clock: about 15 seconds.
      clock: acceleratedClock({ start, speed: 300 }),
      until: new Date(start.getTime() + 75 * 60_000),
      zgwServer: zgw,
      workDir: join(dir, 'work'),
      tickMs: 200,
    });
    await simulator.finished;
    expect(await simulator.drained(60_000)).toBe(true);
    stats = simulator.stats();
    topics = await readTopics(prefix, [...ALL_EVENT_TOPICS, TOPICS.deadLetter]);
  });

  afterAll(async () => {
    await simulator?.stop();
    await ingest?.close();
    await zgw?.close();
  });

  it('produces valid canonical events of every source: counter, telephone, cases, survey and reference data', () => {
    const systems = new Map<string, number>();
    for (const topic of ALL_EVENT_TOPICS) {
      for (const message of topics.get(topic)!) {
        const checked = validateEvent(message);
        expect(checked.ok, JSON.stringify(message)).toBe(true);
        if (!checked.ok) continue;
        expect(checked.event.tenant).toBe('GM9903');
        const key = `${checked.event.source.system}/${checked.event.source.vendor}`;
        systems.set(key, (systems.get(key) ?? 0) + 1);
      }
    }
    expect([...systems.keys()].sort()).toEqual([
      'case_system/openzaak',
      'queue_management/qmatic',
      'reference/stuurwiel-simulator',
      'survey/simulated-kto',
      'telephony/asterisk',
    ]);
    const types = new Set(
      ALL_EVENT_TOPICS.flatMap((t) => topics.get(t)!.map((m) => (m as { type: string }).type)),
    );
    for (const type of [
      'visit.arrived',
      'visit.called',
      'desk.opened',
      'call.queued',
      'call.answered',
      'call.menu_choice',
      'case.created',
      'case.status_changed',
      'survey.responded',
      'reference.opening_hours',
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it('puts the bad records of each source in the dead-letter topic, and no more than it sent bad', () => {
    const dead = topics.get(TOPICS.deadLetter)! as DeadLetter[];
    const bySystem = new Map<string, number>();
    for (const letter of dead)
      bySystem.set(letter.source.system, (bySystem.get(letter.source.system) ?? 0) + 1);
    for (const system of ['queue_management', 'telephony', 'case_system', 'survey']) {
      expect(bySystem.get(system) ?? 0, `${system} in ${JSON.stringify([...bySystem])}`).toBeGreaterThan(0);
    }
    expect(bySystem.get('canonical') ?? 0).toBe(0);
    // Only the records made bad on purpose are refused: everything else the simulator sends is valid.
    const expectedPath: Record<string, RegExp> = {
      queue_management: /servicePointId/,
      telephony: /line\.data/,
      case_system: /hoofdObject/,
      survey: /score/,
    };
    for (const letter of dead) {
      expect(JSON.stringify(letter.errors), JSON.stringify(letter)).toMatch(
        expectedPath[letter.source.system]!,
      );
    }
    const rejectedOverHttp = stats.qmatic!.rejected + stats.zgw!.rejected + stats.survey!.rejected;
    expect(dead.length).toBeGreaterThanOrEqual(rejectedOverHttp);
    expect(stats.reference!.rejected).toBe(0);
  });
});
