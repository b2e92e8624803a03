import type { Acknowledgement, AlertMessage } from '@stuurwiel/schemas';

/** The OpenAPI examples of the alert routes: one counter forecast alert of Amsterdam's team burgerzaken. */

const fingerprint = '3f9a2c7e51b04d86';

export const acknowledgementExample: Acknowledgement = {
  fingerprint,
  acknowledged_by: 'teamlead-burgerzaken-01',
  at: '2026-03-02T10:18:00.000Z',
  comment: 'Balie 5 gaat om 10:30 open; ik houd de rij in de gaten.',
};

const firing: AlertMessage = {
  spec_version: 1,
  tenant: 'GM0363',
  fingerprint,
  rule_id: 'wachttijd-voorspelling-balie',
  rule_kind: 'counter_forecast',
  labels: {
    tenant: 'GM0363',
    rule_id: 'wachttijd-voorspelling-balie',
    team: 'burgerzaken',
    domain: 'counter',
    location: 'stadsloket-centrum',
  },
  state: 'firing',
  severity: 'warning',
  summary:
    'Wachttijd loopt op, locatie stadsloket-centrum: verwachte wachttijd passeert de norm van 10 min over ca. 12 min',
  description:
    'Invoer: n = 7 wachtenden, μ = 0,6/min (basis called_15m), λ = 0,8/min (aankomsten laatste 15 min), ' +
    'T = 10 min (wachtnorm), verwachte wachttijd nu 8,33 min. Tijd tot de norm: (T·μ − n − 1) ÷ (λ − μ) = 11,5 min; ' +
    'waarschuwingshorizon 15 min.',
  value: 500,
  threshold: 600,
  unit: 'seconds',
  items: [],
  items_total: 0,
  occurrence: 1,
  starts_at: '2026-03-02T10:14:00.000Z',
  fired_at: '2026-03-02T10:14:00.000Z',
  resolved_at: null,
  updated_at: '2026-03-02T10:15:00.000Z',
  changed_at: '2026-03-02T10:14:00.000Z',
  acknowledgement: null,
  silenced_by: [],
  muted_by: [],
  escalated_at: null,
};

/** The alert after a team lead acknowledged it. */
export const alertExample: AlertMessage = {
  ...firing,
  updated_at: acknowledgementExample.at,
  acknowledgement: acknowledgementExample,
};

export const alertListExample = {
  alerts: [{ ...alertExample, last_changed_at: acknowledgementExample.at }],
};

export const alertDetailExample = {
  alert: alertExample,
  history: [
    { changed_at: acknowledgementExample.at, state: 'firing' as const, message: alertExample },
    { changed_at: firing.fired_at as string, state: 'firing' as const, message: firing },
  ],
  notifications: [
    {
      notification_id: '9c1d4e7a2b6f08d35e1a7c4b9f2d6e80',
      group_key: 'GM0363|team=burgerzaken',
      receiver: 'teams-burgerzaken',
      reason: 'firing' as const,
      attempt: 1,
      outcome: 'sent' as const,
      outcome_reason: null,
      fingerprints: [fingerprint],
      attempted_at: '2026-03-02T10:14:05.000Z',
    },
  ],
};
