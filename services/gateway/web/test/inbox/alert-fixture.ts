import type { AlertMessage } from '@stuurwiel/schemas';

/** An alerts.v1 message of GM0363 with `overrides`: the inbox's unit tests vary one field at a time. */
export function alert(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    spec_version: 1,
    tenant: 'GM0363',
    fingerprint: '0000000000000001',
    rule_id: 'counter-forecast',
    rule_kind: 'counter_forecast',
    labels: { tenant: 'GM0363', rule_id: 'counter-forecast', location: 'centrum' },
    state: 'firing',
    severity: 'warning',
    summary: 'Wachtrij balie loopt uit, location centrum',
    description: '',
    value: 900,
    threshold: 600,
    unit: 'seconds',
    items: [],
    items_total: 0,
    starts_at: '2026-03-02T09:00:00.000Z',
    fired_at: '2026-03-02T09:00:00.000Z',
    resolved_at: null,
    updated_at: '2026-03-02T09:00:00.000Z',
    acknowledgement: null,
    silenced_by: [],
    muted_by: [],
    escalated_at: null,
    ...overrides,
  };
}
