import type { CanonicalEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/client.js';
import { sql } from '../src/dialect.js';
import { migrate } from '../src/migrations.js';
import { insertRawEvents } from '../src/queries/raw-events.js';

const HOSTILE = [
  "'; DROP TABLE raw_events_v1; --",
  'back\\slash',
  "\\'",
  "it's",
  'line\nbreak\ttab\r',
  'nul\u0000byte',
  '{p0:String}',
  '$1 ? %s',
  'ünïcödé 🚲 \u202e',
  '',
];

/**
 * What we rely on from any server we talk to, proven on a real one: bound values arrive intact
 * (the two dialects bind them differently), and raw events round-trip. Run on the integration
 * run's server (clickhouse.int.test.ts) and on a current ClickHouse in process
 * (current-clickhouse.test.ts).
 */
export function describeServer(server: string, open: () => Promise<Db>, dispose: (db: Db) => Promise<void>) {
  describe(`ClickHouse: ${server}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      if (db) await dispose(db);
    });

    it('round-trips hostile strings as bound values', async () => {
      for (const value of HOSTILE) {
        const rows = await db.query<{ v: string }>(sql`SELECT ${value} AS v`);
        expect(rows).toEqual([{ v: value }]);
      }
    });

    it('finds rows by hostile strings stored through inserts', async () => {
      await db.command(
        sql`CREATE TABLE IF NOT EXISTS hostile (id UInt32, s String) ENGINE = MergeTree ORDER BY id`,
      );
      await db.insert(
        'hostile',
        HOSTILE.map((s, id) => ({ id, s })),
      );
      for (const [id, value] of HOSTILE.entries()) {
        const rows = await db.query<{ id: number }>(sql`SELECT id FROM hostile WHERE s = ${value}`);
        expect(rows.map((r) => Number(r.id))).toEqual([id]);
      }
      const arrays = await db.query<{ n: string }>(
        sql`SELECT count() AS n FROM hostile WHERE has(${HOSTILE}, s)`,
      );
      expect(Number(arrays[0]?.n)).toBe(HOSTILE.length);
    });

    it('stores raw events with hostile payload text and offsets exactly as they were', async () => {
      await migrate(db);
      const events = HOSTILE.map(
        (text, n) =>
          ({
            spec_version: 1,
            event_id: `hostile-${n}`,
            tenant: 'GM0363',
            source: { system: 'survey', vendor: 'survalyzer' },
            occurred_at: n % 2 === 0 ? `2026-04-27T08:30:0${n % 10}.${n}5Z` : '2026-04-27T10:30:05.250+02:00',
            type: 'survey.responded',
            payload: { response_id: `r${n}`, comment: text, nested: { text: [text] } },
          }) as unknown as CanonicalEvent,
      );
      await insertRawEvents(db, events, new Date('2026-04-27T09:00:00Z'));
      const rows = await db.query<{
        event_id: string;
        entity_key: string;
        occurred_at: string;
        occurred_at_ms: number;
        payload: string;
        ingested_at: string;
      }>(
        sql`SELECT event_id, entity_key, toString(occurred_at) AS occurred_at, occurred_at_ms, payload,
                 toString(ingested_at) AS ingested_at
          FROM raw_events_v1 WHERE event_id LIKE 'hostile-%'`,
      );
      const byId = new Map(rows.map((r) => [r.event_id, r]));
      expect(byId.size).toBe(events.length);
      for (const [n, event] of events.entries()) {
        const row = byId.get(event.event_id)!;
        expect(JSON.parse(row.payload)).toEqual(event.payload);
        expect(row.entity_key).toBe(`survey:GM0363:r${n}`);
        expect(row.ingested_at).toBe('2026-04-27 09:00:00');
        if (n % 2 === 0) {
          expect(row.occurred_at).toBe(`2026-04-27 08:30:0${n % 10}`);
          expect(Number(row.occurred_at_ms)).toBe(Number(`${n}5`.padEnd(3, '0')));
        } else {
          expect(row.occurred_at).toBe('2026-04-27 08:30:05');
          expect(Number(row.occurred_at_ms)).toBe(250);
        }
      }
    });

    it('binds date-times in UTC', async () => {
      const at = new Date('2026-04-27T08:30:05+02:00');
      const rows = await db.query<{ t: string; h: number }>(
        sql`SELECT toString(${at}) AS t, toHour(toTimeZone(${at}, 'Europe/Amsterdam')) AS h`,
      );
      expect(rows).toEqual([{ t: '2026-04-27 06:30:05', h: 8 }]);
    });
  });
}
