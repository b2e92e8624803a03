/** Valid settings of Amsterdam that tests write through the API: a rule of each kind, a silence, a norm. */

export const THRESHOLD = {
  rule_id: 'wait-centrum',
  name: 'Wachttijd Centrum',
  kind: 'threshold',
  domain: 'counter',
  scope: { kind: 'location', id: 'centrum' },
  metric: 'now.expected_wait_seconds',
  operator: 'above',
  threshold: 900,
};

export const FORECAST = {
  rule_id: 'forecast-centrum',
  name: 'Voorspelling Centrum',
  kind: 'counter_forecast',
  scope: { kind: 'location', id: 'centrum' },
  horizon_minutes: 5,
};

export const SILENCE = {
  matchers: [{ name: 'team', value: 'burgerzaken', op: '=' }],
  ends_at: '2026-05-04T12:00:00.000Z',
  comment: 'Storing bij het zaaksysteem',
};

export const NORM = {
  norm_id: 'wait-10',
  kpi: 'counter_wait',
  target: 10,
  unit: 'minutes',
  warning_horizon: { target: 2, unit: 'minutes' },
  share: 0.8,
  scope: { kind: 'tenant' },
};
