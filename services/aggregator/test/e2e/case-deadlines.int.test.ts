import { sql } from '@stuurwiel/clickhouse';
import { makeEvent, testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createProducer } from '@stuurwiel/kafka';
import { type CanonicalEvent, partitionKey, topicFor } from '@stuurwiel/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { aggregatorConfig, aggregatorTopics, waitFor } from './harness.js';

const TENANT = 'GM0363';

const wd = (target: number) => ({ target, unit: 'working_days' as const });

describe('aggregator: case deadlines from Kafka to case facts', () => {
  const db = useTestDatabase('deadlines');
  const prefix = `${uniqueName('deadlines')}.`;
  beforeAll(async () => {
    const infra = useInfra();
    await aggregatorTopics(infra, prefix);
  });

  it('applies a closing day sent while running, and the corrected verlenging instead of the sum', async () => {
    const infra = useInfra();
    const app = buildApp(aggregatorConfig(infra, db(), prefix, { AGGREGATOR_GROUP_ID: uniqueName('group') }));
    const producer = createProducer(testKafka(infra));
    await producer.connect();
    const send = (events: CanonicalEvent[]) =>
      producer.send(
        `${prefix}${topicFor(events[0]!.type)}`,
        events.map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
      );
    const fact = (caseId: string, check: (f: Record<string, string>) => boolean) =>
      waitFor(`case fact ${caseId}`, async () => {
        const [row] = await db().query<Record<string, string>>(
          sql`SELECT toString(due_date) AS due_date, toString(legal_due_date) AS legal_due_date,
                     extension_working_days
              FROM case_facts_v1 FINAL WHERE tenant = ${TENANT} AND case_id = ${caseId}`,
        );
        return row && check(row) ? row : undefined;
      });

    try {
      await app.start();
      await send([
        // Requested Tuesday 22 December 2026; service norm and legal term both 2 working days.
        makeEvent('case.created', '2026-12-22T10:00:00+01:00', {
          case_id: 'CLOSING',
          case_type_id: 'melding',
          start_date: '2026-12-22',
          lead_time_norm: wd(2),
          service_norm: wd(2),
        }),
        // Started Monday 2 March 2026, 8 weeks → 27 April (King's Day, not rolled yet).
        makeEvent('case.created', '2026-03-02T10:00:00+01:00', {
          case_id: 'VERLENGD',
          case_type_id: 'vergunning',
          start_date: '2026-03-02',
          lead_time_norm: { target: 56, unit: 'calendar_days' },
        }),
        makeEvent('case.extended', '2026-04-01T10:00:00+02:00', { case_id: 'VERLENGD', working_days: 10 }),
        makeEvent('case.extended', '2026-04-08T10:00:00+02:00', { case_id: 'VERLENGD', working_days: 15 }),
      ]);
      // Wed 23 (1), Thu 24 (2): no closing day known yet.
      await fact('CLOSING', (f) => f.due_date === '2026-12-24');
      // 27 April + 15 working days (5 May, Ascension 14 May and decree day 15 May skipped) = 21 May;
      // the sum of 25 would give 4 June.
      const verlengd = await fact('VERLENGD', (f) => Number(f.extension_working_days) === 15);
      expect(verlengd).toMatchObject({ due_date: '2026-05-21', legal_due_date: '2026-05-21' });

      // The municipality closes on Christmas Eve; the running aggregator takes it at once.
      await send([
        makeEvent('reference.closing_day', '2026-11-01T09:00:00+01:00', {
          date: '2026-12-24',
          name: 'Kerstavond',
        }),
      ]);
      // Service norm: Wed 23 (1); Thu 24 closed, Fri 25 and Sat 26 Christmas, Sunday; Mon 28 (2).
      // The legal term counts the closing day as a working day: still Thursday 24.
      const closing = await fact('CLOSING', (f) => f.due_date !== '2026-12-24');
      expect(closing).toMatchObject({ due_date: '2026-12-28', legal_due_date: '2026-12-24' });
    } finally {
      await producer.disconnect();
      await app.app.close();
    }
  });
});
