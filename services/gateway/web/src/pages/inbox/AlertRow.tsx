import { type Acknowledgement, acknowledgeResponse, type SilenceWithStatus } from '@stuurwiel/schemas';
import { useId, useRef, useState } from 'react';
import type { Api } from '../../app/api.js';
import { useFormat, useMessages } from '../../app/i18n.js';
import { DeadlineItems } from './DeadlineItems.js';
import { reasonOf } from './data.js';
import { placeText, valueText } from './describe.js';
import { MuteForm, SilenceForm } from './forms.js';
import { inboxMessages } from './messages.js';
import type { OpenAlert } from './order.js';

// Symbols of the common fonts (DejaVu), no emoji: a machine without an emoji font shows them too.
const SEVERITY_ICON = { critical: '✖', warning: '⚠' } as const;
const STATE_ICON = { firing: '●', pending: '◔' } as const;

/**
 * The acknowledgement that holds for the alert, as alerting rules it (firing, and nothing changed
 * since): the one alerting published, else one made here that alerting has not published yet.
 */
function holdingAck(alert: OpenAlert, local: Acknowledgement | undefined): Acknowledgement | null {
  if (alert.acknowledgement) return alert.acknowledgement;
  if (!local || alert.state !== 'firing') return null;
  return Date.parse(local.at) >= Date.parse(alert.changed_at ?? alert.starts_at) ? local : null;
}

export interface RowActions {
  api: Api;
  localAck: Acknowledgement | undefined;
  silences: ReadonlyMap<string, SilenceWithStatus>;
  acknowledged(ack: Acknowledgement): void;
  silenceSet(silence: SilenceWithStatus): void;
  /** Says a confirmation in the page's status region. */
  announce(text: string): void;
}

/** One alert: what, how bad, since when, where, the measurement, its handling, and the actions. */
export function AlertRow({ alert, actions }: { alert: OpenAlert; actions: RowActions }) {
  const t = useMessages(inboxMessages);
  const format = useFormat();
  const headingId = useId();
  const formId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const silenceButton = useRef<HTMLButtonElement>(null);
  const muteButton = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState<'silence' | 'mute' | null>(null);
  const [ackRefusal, setAckRefusal] = useState<string | null>(null);
  const [acking, setAcking] = useState(false);

  const ack = holdingAck(alert, actions.localAck);
  const since = alert.state === 'firing' ? (alert.fired_at ?? alert.starts_at) : alert.starts_at;

  const acknowledge = async () => {
    if (acking) return;
    setAcking(true);
    setAckRefusal(null);
    try {
      const { acknowledgement } = await actions.api.send(
        'POST',
        `/alerts/${alert.fingerprint}/acknowledge`,
        acknowledgeResponse,
        {},
      );
      actions.acknowledged(acknowledgement);
      actions.announce(t('acknowledged', { summary: alert.summary }));
      // The button is gone now: the alert itself keeps the keyboard's place.
      heading.current?.focus();
    } catch (error) {
      setAckRefusal(t('refused', { reason: reasonOf(error) }));
    } finally {
      setAcking(false);
    }
  };
  const close = (back: HTMLButtonElement | null) => {
    setOpen(null);
    back?.focus();
  };

  const handling: string[] = [];
  if (ack)
    handling.push(
      ack.comment
        ? t('acknowledgedComment', {
            who: ack.acknowledged_by,
            time: format.dateTime(ack.at),
            comment: ack.comment,
          })
        : t('acknowledgedBy', { who: ack.acknowledged_by, time: format.dateTime(ack.at) }),
    );
  else if (alert.state === 'firing') handling.push(t('notAcknowledged'));
  for (const id of alert.silenced_by) {
    const silence = actions.silences.get(id);
    handling.push(
      silence
        ? t('silencedUntil', { time: format.dateTime(silence.ends_at), comment: silence.comment })
        : t('silenced'),
    );
  }
  if (alert.muted_by.length > 0) handling.push(t('muted'));
  if (alert.escalated_at) handling.push(t('escalated', { time: format.dateTime(alert.escalated_at) }));

  return (
    <article
      className={`inbox-alert inbox-alert--${alert.severity} inbox-alert--${alert.state}`}
      aria-labelledby={headingId}
      data-testid="inbox-alert"
      data-fingerprint={alert.fingerprint}
      data-state={alert.state}
      data-severity={alert.severity}
      data-acknowledged={ack ? 'true' : 'false'}
      data-silenced={alert.silenced_by.length > 0 ? 'true' : 'false'}
    >
      <div className="inbox-alert-badges">
        <span className={`inbox-badge inbox-badge--${alert.severity}`} data-testid="severity">
          <span aria-hidden="true">{SEVERITY_ICON[alert.severity]} </span>
          {t(alert.severity)}
        </span>
        <span className={`inbox-badge inbox-badge--${alert.state}`} data-testid="state">
          <span aria-hidden="true">{STATE_ICON[alert.state]} </span>
          {t(alert.state)}
        </span>
        {ack ? (
          <span className="inbox-badge inbox-badge--acknowledged" data-testid="acknowledged">
            <span aria-hidden="true">✓ </span>
            {t('acknowledge')}
          </span>
        ) : null}
        {alert.silenced_by.length > 0 ? (
          <span className="inbox-badge inbox-badge--silenced">
            <span aria-hidden="true">∅ </span>
            {t('silenced')}
          </span>
        ) : null}
      </div>
      <h2 id={headingId} ref={heading} tabIndex={-1} className="utrecht-heading-2 inbox-alert-summary">
        {alert.summary}
      </h2>
      <dl className="inbox-facts">
        <div>
          <dt>{t('state')}</dt>
          <dd>
            {t(alert.state)}, <time dateTime={since}>{t('since', { time: format.dateTime(since) })}</time>
            {alert.state === 'pending' ? ` (${t('pendingExplain')})` : null}
          </dd>
        </div>
        <div>
          <dt>{t('scope')}</dt>
          <dd data-testid="scope">{placeText(alert, t)}</dd>
        </div>
        {alert.value !== null ? (
          <div>
            <dt>{t('measured')}</dt>
            <dd data-testid="measured">
              {alert.threshold !== null
                ? t('valueVsThreshold', {
                    value: valueText(alert.value, alert.unit, format),
                    threshold: valueText(alert.threshold, alert.unit, format),
                  })
                : valueText(alert.value, alert.unit, format)}
              {alert.unit === 'count' || alert.unit === 'items' ? ` ${t(`unit_${alert.unit}`)}` : null}
            </dd>
          </div>
        ) : null}
        {handling.length > 0 ? (
          <div>
            <dt>{t('handling')}</dt>
            <dd data-testid="handling">
              {handling.map((line) => (
                <span key={line} className="inbox-handling-line">
                  {line}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
      {alert.description ? (
        <details className="inbox-description">
          <summary>{t('details')}</summary>
          <p className="utrecht-paragraph">{alert.description}</p>
        </details>
      ) : null}
      {alert.items.length > 0 ? <DeadlineItems alert={alert} /> : null}
      <div className="utrecht-button-group inbox-actions">
        {alert.state === 'firing' && !ack ? (
          <button
            type="button"
            className="utrecht-button utrecht-button--primary-action"
            aria-describedby={headingId}
            aria-disabled={acking || undefined}
            data-action="acknowledge"
            onClick={() => void acknowledge()}
          >
            <span aria-hidden="true">✓ </span>
            {t('acknowledge')}
          </button>
        ) : null}
        {(['silence', 'mute'] as const).map((which) => (
          <button
            key={which}
            ref={which === 'silence' ? silenceButton : muteButton}
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-expanded={open === which}
            aria-controls={open === which ? formId : undefined}
            aria-describedby={headingId}
            data-action={which}
            onClick={() => setOpen((o) => (o === which ? null : which))}
          >
            {t(which)}
          </button>
        ))}
      </div>
      {alert.state === 'pending' ? (
        <p className="utrecht-paragraph inbox-note">{t('acknowledgePendingNote')}</p>
      ) : null}
      {ackRefusal ? (
        <div className="utrecht-alert utrecht-alert--error inbox-refusal" role="alert" data-testid="refusal">
          {ackRefusal}
        </div>
      ) : null}
      <div id={formId}>
        {open === 'silence' ? (
          <SilenceForm
            alert={alert}
            api={actions.api}
            onCancel={() => close(silenceButton.current)}
            onDone={(silence, what) => {
              actions.silenceSet(silence);
              actions.announce(t('silenced_done', { time: format.dateTime(silence.ends_at), what }));
              close(silenceButton.current);
            }}
          />
        ) : null}
        {open === 'mute' ? (
          <MuteForm
            alert={alert}
            api={actions.api}
            onCancel={() => close(muteButton.current)}
            onDone={(what) => {
              actions.announce(t('muted_done', { what }));
              close(muteButton.current);
            }}
          />
        ) : null}
      </div>
    </article>
  );
}
