import type { AlertRule, Mute, Silence } from '@stuurwiel/schemas';
import type { NormPayload } from './norms.js';

/** The OpenAPI examples of the settings routes, for Amsterdam (GM0363) and its team burgerzaken. */

export const thresholdRuleExample: AlertRule = {
  rule_id: 'langste-wachttijd-stadsloket-centrum',
  kind: 'threshold',
  name: 'Langste wachttijd Stadsloket Centrum',
  severity: 'critical',
  enabled: true,
  team: 'burgerzaken',
  domain: 'counter',
  scope: { kind: 'location', id: 'stadsloket-centrum' },
  metric: 'now.longest_wait_seconds',
  operator: 'above',
  threshold: 900,
  recovery: 600,
  for_seconds: 120,
  min_count: 0,
};

export const forecastRuleExample: AlertRule = {
  rule_id: 'wachttijd-voorspelling-balie',
  kind: 'counter_forecast',
  name: 'Wachttijd loopt op',
  severity: 'warning',
  enabled: true,
  team: 'burgerzaken',
  scope: { kind: 'location' },
  horizon_minutes: 15,
  resolve_after_minutes: 2,
};

const teamBurgerzaken = { name: 'team', value: 'burgerzaken', op: '=' } as const;

export const silenceExample: Silence & { status: 'active' } = {
  silence_id: '6d2f7b0e-4c1a-4e8b-9a53-2f1c8d7e6b40',
  matchers: [teamBurgerzaken, { name: 'location', value: 'stadsloket-centrum', op: '=' }],
  starts_at: '2026-03-02T10:00:00.000Z',
  ends_at: '2026-03-02T12:00:00.000Z',
  created_by: 'teamlead-burgerzaken-01',
  comment: 'Storing in het zuilsysteem; de leverancier is gebeld. Meldingen stil tot 13:00.',
  status: 'active',
};

export const newSilenceExample = {
  matchers: silenceExample.matchers,
  ends_at: silenceExample.ends_at,
  comment: silenceExample.comment,
};

export const muteExample: Mute = {
  mute_id: 'b81e3c5a-7f24-4d69-8e0b-5a9c1d3f7e22',
  matchers: [teamBurgerzaken, { name: 'domain', value: 'counter', op: '=' }],
  when: 'outside_opening_hours',
  created_by: 'teamlead-burgerzaken-01',
};

export const newMuteExample = { matchers: muteExample.matchers, when: muteExample.when };

export const normExample: NormPayload = {
  norm_id: 'wachttijd-balie-stadsloket-centrum',
  kpi: 'counter_wait',
  target: 10,
  unit: 'minutes',
  warning_horizon: { target: 2, unit: 'minutes' },
  share: 0.8,
  scope: { kind: 'location', id: 'stadsloket-centrum' },
};

export const changeExample = {
  kind: 'silence' as const,
  id: silenceExample.silence_id,
  change_id: '018cf7a2b3c0-000000-4f1e9a2d',
  action: 'create' as const,
  changed_by: 'teamlead-burgerzaken-01',
  before: null,
  after: {
    silence_id: silenceExample.silence_id,
    matchers: silenceExample.matchers,
    starts_at: silenceExample.starts_at,
    ends_at: silenceExample.ends_at,
    created_by: silenceExample.created_by,
    comment: silenceExample.comment,
  },
  at: '2026-03-02T10:00:00.000Z',
};
