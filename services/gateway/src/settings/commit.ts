import type { Db } from '@stuurwiel/clickhouse';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { insertSettingsChange, type SettingsChange } from './changes.js';
import type { SettingsPublisher } from './publisher.js';

/** What the alert and settings routes are given by the app that registers them. */
export interface SettingsRoutesOptions {
  /** The ClickHouse connection (or how to get it once the app is ready). */
  db: Db | (() => Db);
  /** Where settings go: alerting.config.v1 and events.reference.v1 (or how to get it). */
  publisher: SettingsPublisher | (() => SettingsPublisher);
  /** The authenticated caller; throws (401) when there is none. */
  principalOf: (request: FastifyRequest) => Principal | Promise<Principal>;
  /** The wall clock: when a change is made, a silence starts or expires. */
  now?: () => Date;
}

export interface Settings {
  db(): Db;
  publisher(): SettingsPublisher;
  now(): Date;
  /**
   * Hands a change to its topic, then records it in the change log. The topic is the truth that
   * alerting and the aggregator act on, so it goes first: a change that never reached them is
   * never logged as made.
   */
  commit(
    principal: Principal,
    change: Omit<SettingsChange, 'tenant' | 'changed_by' | 'at'>,
    at: Date,
    send: (publisher: SettingsPublisher) => Promise<void>,
  ): Promise<void>;
}

export function settings(options: SettingsRoutesOptions): Settings {
  const db = () => (typeof options.db === 'function' ? options.db() : options.db);
  const publisher = () => (typeof options.publisher === 'function' ? options.publisher() : options.publisher);
  return {
    db,
    publisher,
    now: options.now ?? (() => new Date()),
    async commit(principal, change, at, send) {
      await send(publisher());
      await insertSettingsChange(db(), {
        ...change,
        tenant: principal.tenant,
        changed_by: principal.subject,
        at: at.toISOString(),
      });
    },
  };
}

/** The fields every alertingConfigMessage carries about its change. */
export const changeFields = (principal: Principal, at: Date) => ({
  spec_version: 1 as const,
  tenant: principal.tenant,
  changed_at: at.toISOString(),
  changed_by: principal.subject,
});
