import { afterAll, describe, expect, it } from 'vitest';
import { alertHistory, notificationAttempts } from '../../src/history/index.js';
import { forecastToWebhook, isForecast, MORNING_START, playMorning, until } from '../support/morning.js';
import { scenarioClock } from '../support/scenario-clock.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { type ScenarioStack, startStack, TENANT, WEBHOOK_SECRET } from '../support/stack.js';
import { startWebhookSink } from '../support/webhook-sink.js';

const MAIL_TO = 'teamleads-balie@gemeente.example.nl';

describe('delivery when a receiver is down (end to end)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of cleanup.reverse()) await close();
  });

  it('retries the webhook, then writes a dead letter to ClickHouse while the alert stays firing; the e-mail arrives at the SMTP server', async () => {
    const time = scenarioClock(MORNING_START, 60);
    const sink = await startWebhookSink(WEBHOOK_SECRET);
    cleanup.push(() => sink.close());
    const smtp = await startSmtpSink();
    cleanup.push(() => smtp.close());
    sink.setDown(true);
    const stack: ScenarioStack = await startStack({
      name: 'delivery',
      clock: time.clock,
      ...forecastToWebhook(sink.url, { receivers: ['balie-webhook', 'balie-mail'] }, [
        { type: 'email', name: 'balie-mail', to: [MAIL_TO], from: 'stuurwiel@gemeente.example.nl' },
      ]),
    });
    cleanup.push(() => stack.close());
    await stack.startAlerting(
      stack.alertingEnv({ ...time.env, ALERTING_SMTP_URL: smtp.url, ALERTING_RETRY_MAX_ATTEMPTS: '3' }),
    );

    // Up to minute 30: the forecast fires at about 20 and is still firing.
    await playMorning(stack, time, async () => {}, 30);
    const attempts = async () => notificationAttempts(stack.db, { tenant: TENANT });
    await until('a dead letter in ClickHouse', async () =>
      (await attempts()).some((a) => a.receiver === 'balie-webhook' && a.outcome === 'dead_letter'),
    );
    const webhook = (await attempts()).filter((a) => a.receiver === 'balie-webhook');
    const deadLetter = webhook.find((a) => a.outcome === 'dead_letter')!;
    // Three attempts of one notification: two failed, the third the dead letter.
    expect(
      webhook
        .filter((a) => a.notification_id === deadLetter.notification_id)
        .map((a) => [a.attempt, a.outcome])
        .sort(),
    ).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'dead_letter'],
    ]);
    expect(deadLetter.outcome_reason).toContain('503');
    expect(sink.refused).toBeGreaterThanOrEqual(3);

    // The alert stays firing, in alerts.v1 and in the history.
    const fingerprint = deadLetter.fingerprints[0]!;
    const latest = stack.alerts.filter((a) => a.fingerprint === fingerprint).at(-1)!;
    expect(isForecast(latest) && latest.state).toBe('firing');
    const history = await alertHistory(stack.db, { tenant: TENANT, fingerprint });
    expect(history.map((h) => h.state)).toContain('firing');
    expect(history[0]!.state).toBe('firing');

    // The e-mail receiver of the same route delivered to the SMTP server.
    await until('the e-mail', () => smtp.mails.length > 0);
    expect(smtp.mails[0]!.to).toEqual([MAIL_TO]);
    // Each e-mail the history records as sent arrived, under its notification id.
    await until('the e-mail recorded as sent', async () =>
      (await attempts()).some((a) => a.receiver === 'balie-mail' && a.outcome === 'sent'),
    );
    const mailed = (await attempts()).filter((a) => a.receiver === 'balie-mail' && a.outcome === 'sent');
    const headerIds = smtp.mails.map((m) => /X-Stuurwiel-Notification: (\S+)/.exec(m.raw)?.[1]);
    expect(new Set(headerIds)).toEqual(new Set(mailed.map((a) => a.notification_id)));
    expect(mailed.every((a) => a.fingerprints.includes(fingerprint))).toBe(true);
  });
});
