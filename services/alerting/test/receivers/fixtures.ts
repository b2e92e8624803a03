import { type AlertMessage, alertMessage } from '@stuurwiel/schemas';
import type { Notification } from '../../src/model.js';

/** A firing deadline alert of team KCC in GM0363, its items out of order on purpose. */
export function deadlineAlert(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return alertMessage.parse({
    spec_version: 1,
    tenant: 'GM0363',
    fingerprint: 'a1b2c3d4e5f60718',
    rule_id: 'zaken-termijn',
    rule_kind: 'deadline',
    labels: {
      tenant: 'GM0363',
      rule_id: 'zaken-termijn',
      team: 'kcc',
      case_type: 'vergunning',
      status: 'at_risk',
    },
    state: 'firing',
    severity: 'warning',
    summary: '2 zaken vergunning van team kcc dreigen te verlopen',
    description: 'Zaken binnen hun waarschuwingstermijn van 2 werkdagen.',
    value: null,
    threshold: null,
    unit: 'items',
    items: [
      {
        kind: 'case',
        item_id: 'Z-2026-0042',
        due_at: '2026-05-06T21:59:59.999Z',
        working_days_left: 2,
        status: 'at_risk',
      },
      {
        kind: 'case',
        item_id: 'Z-2026-0017',
        due_at: '2026-05-04T21:59:59.999Z',
        working_days_left: 0,
        status: 'at_risk',
      },
    ],
    items_total: 2,
    starts_at: '2026-05-04T07:00:00.000Z',
    fired_at: '2026-05-04T07:00:00.000Z',
    resolved_at: null,
    updated_at: '2026-05-04T07:00:00.000Z',
    acknowledgement: null,
    silenced_by: [],
    muted_by: [],
    escalated_at: null,
    ...overrides,
  });
}

export function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    notification_id: 'n-0f3c9a7d2b1e4c55',
    tenant: 'GM0363',
    group_key: 'GM0363|team=kcc',
    group_labels: { tenant: 'GM0363', team: 'kcc' },
    receiver: 'ops',
    reason: 'firing',
    alerts: [deadlineAlert()],
    created_at: '2026-05-04T07:00:30.000Z',
    ...overrides,
  };
}
