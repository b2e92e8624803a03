import { Counter, Gauge, type Registry } from 'prom-client';

/** Alerting's own Prometheus metrics, beside the shared HTTP and process ones. */
export function createAlertingMetrics(registry: Registry) {
  return {
    inputInvalid: new Counter({
      name: 'alerting_input_messages_invalid_total',
      help: 'Input messages refused (logged with the reason; nothing of them applied), by input',
      labelNames: ['input'] as const,
      registers: [registry],
    }),
    inputApplied: new Counter({
      name: 'alerting_input_messages_applied_total',
      help: 'Input messages applied to what alerting knows, by input',
      labelNames: ['input'] as const,
      registers: [registry],
    }),
    alerts: new Gauge({
      name: 'alerting_alerts',
      help: 'Alerts known after the last evaluation round, by state',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    notifications: new Counter({
      name: 'alerting_notifications_total',
      help: 'Notification attempts by outcome (sent, failed, dead_letter, suppressed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    rounds: new Counter({
      name: 'alerting_evaluation_rounds_total',
      help: 'Evaluation rounds by result (ok, error)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
  };
}
export type AlertingMetrics = ReturnType<typeof createAlertingMetrics>;
