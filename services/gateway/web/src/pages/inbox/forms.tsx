import {
  type LabelMatcher,
  mute,
  type SilenceWithStatus,
  silenceWithStatus,
  sourcesResponse,
} from '@stuurwiel/schemas';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type Api, ApiError } from '../../app/api.js';
import { useMessages } from '../../app/i18n.js';
import { reasonOf } from './data.js';
import { placeText } from './describe.js';
import { matchersFor, placeOf, REACHES, type Reach } from './matchers.js';
import { inboxMessages } from './messages.js';
import type { OpenAlert } from './order.js';

/** A refusal as the form shows it: the gateway's reason, and the field it names (if one of ours). */
interface Refusal {
  text: string;
  field: string | null;
}

/**
 * A form's sending: busy while it runs; a refusal (4xx) with the gateway's reason and the field it
 * names, or a failure, kept for the form to show.
 */
function useSubmission() {
  const t = useMessages(inboxMessages);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const run = async (action: () => Promise<void>, onRefused: (refusal: Refusal) => void = () => {}) => {
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      await action();
    } catch (error) {
      const r: Refusal =
        error instanceof ApiError && error.status >= 400 && error.status < 500
          ? {
              text: t('refused', { reason: error.reason }),
              field: error.issues.find((i) => i.field !== null)?.field?.split('.')[0] ?? null,
            }
          : { text: t('failed', { reason: reasonOf(error) }), field: null };
      setRefusal(r);
      onRefused(r);
    } finally {
      setBusy(false);
    }
  };
  return { busy, refusal, run };
}

/** Which reaches make sense for the alert: "this rule at this place" only when it has a place. */
const reachesOf = (alert: OpenAlert): Reach[] =>
  REACHES.filter((r) => r !== 'place' || placeOf(alert).length > 0);

function ReachChoice({
  alert,
  value,
  onChange,
  refusalId,
  focusOnOpen = false,
}: {
  alert: OpenAlert;
  value: Reach;
  onChange: (reach: Reach) => void;
  /** The id of the refusal when it names this choice; else null. */
  refusalId: string | null;
  /** Take the focus when the form opens (the form's first field). */
  focusOnOpen?: boolean;
}) {
  const t = useMessages(inboxMessages);
  const name = useId();
  const fieldset = useRef<HTMLFieldSetElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the form opens
  useEffect(() => {
    if (focusOnOpen) fieldset.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);
  return (
    <fieldset
      ref={fieldset}
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${refusalId ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={refusalId ?? undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {t('reach')}
      </legend>
      {reachesOf(alert).map((reach) => (
        <div key={reach} className="utrecht-form-field utrecht-form-field--radio">
          <input
            type="radio"
            className="utrecht-radio-button utrecht-radio-button--html-input"
            id={`${name}-${reach}`}
            name={name}
            value={reach}
            checked={value === reach}
            onChange={() => onChange(reach)}
          />
          <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`${name}-${reach}`}>
            {t(`reach_${reach}`, { place: placeText(alert, t) })}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** The frame of both forms: a heading, the fields, the buttons, and the refusal in words. */
function ActionForm({
  title,
  submit,
  submitText,
  busy,
  refusal,
  refusalId,
  onCancel,
  children,
}: {
  title: string;
  submit: () => void;
  submitText: string;
  busy: boolean;
  refusal: Refusal | null;
  /** The refusal's id, which the field it names points to (aria-describedby). */
  refusalId: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const t = useMessages(inboxMessages);
  const headingId = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) submit();
  };
  return (
    // The gateway decides what it accepts and says why not (naming the field): no second set of rules here.
    <form className="utrecht-form inbox-form" aria-labelledby={headingId} noValidate onSubmit={onSubmit}>
      <h3 id={headingId} className="utrecht-heading-3">
        {title}
      </h3>
      {children}
      {refusal ? (
        <div
          id={refusalId}
          className="utrecht-alert utrecht-alert--error inbox-refusal"
          role="alert"
          data-testid="refusal"
        >
          <span aria-hidden="true">⚠ </span>
          {refusal.text}
        </div>
      ) : null}
      <div className="utrecht-button-group">
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          aria-disabled={busy || undefined}
        >
          {submitText}
        </button>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

const PERIODS = { '30m': 30, '1h': 60, '2h': 120, '4h': 240, '8h': 480, '1d': 1440, '1w': 10080 } as const;
type Period = keyof typeof PERIODS;

/** The refusal's id for a field when the refusal names one of `fields`; else null. */
const namedIn = (refusal: Refusal | null, refusalId: string, ...fields: string[]): string | null =>
  refusal?.field != null && fields.includes(refusal.field) ? refusalId : null;

/**
 * Silences the alert's notifications for a period, with a comment for the team. The period runs
 * from the gateway's clock (a demo runs on its own), not the browser's.
 */
export function SilenceForm({
  alert,
  api,
  onDone,
  onCancel,
}: {
  alert: OpenAlert;
  api: Api;
  onDone: (silence: SilenceWithStatus, what: string) => void;
  onCancel: () => void;
}) {
  const t = useMessages(inboxMessages);
  const id = useId();
  const refusalId = `${id}-refusal`;
  const [reach, setReach] = useState<Reach>('alert');
  const [period, setPeriod] = useState<Period>('1h');
  const [comment, setComment] = useState('');
  const { busy, refusal, run } = useSubmission();
  const periodRef = useRef<HTMLSelectElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => periodRef.current?.focus(), []);

  const submit = () =>
    run(
      async () => {
        const { now } = await api.get('/sources', sourcesResponse);
        const body: { matchers: LabelMatcher[]; ends_at: string; comment: string } = {
          matchers: matchersFor(alert, reach),
          ends_at: new Date(Date.parse(now) + PERIODS[period] * 60_000).toISOString(),
          comment: comment.trim(),
        };
        const created = await api.send('POST', '/silences', silenceWithStatus, body);
        onDone(created, t(`reach_${reach}`, { place: placeText(alert, t) }));
      },
      // To the field the gateway named, whose description is now the refusal.
      (r) => {
        if (r.field === 'comment') commentRef.current?.focus();
        else if (r.field === 'ends_at' || r.field === 'starts_at') periodRef.current?.focus();
      },
    );
  const periodRefused = namedIn(refusal, refusalId, 'ends_at', 'starts_at');
  const commentRefused = namedIn(refusal, refusalId, 'comment');
  return (
    <ActionForm
      title={t('silenceTitle')}
      submit={() => void submit()}
      submitText={t('submitSilence')}
      busy={busy}
      refusal={refusal}
      refusalId={refusalId}
      onCancel={onCancel}
    >
      <div className={`utrecht-form-field${periodRefused ? ' utrecht-form-field--invalid' : ''}`}>
        <label className="utrecht-form-label" htmlFor={`${id}-period`}>
          {t('period')}
        </label>
        <select
          ref={periodRef}
          id={`${id}-period`}
          className="utrecht-select utrecht-select--html-select"
          value={period}
          aria-invalid={periodRefused ? true : undefined}
          aria-describedby={periodRefused ?? undefined}
          onChange={(e) => setPeriod(e.target.value as Period)}
        >
          {(Object.keys(PERIODS) as Period[]).map((p) => (
            <option key={p} value={p}>
              {t(`period_${p}`)}
            </option>
          ))}
        </select>
      </div>
      <ReachChoice
        alert={alert}
        value={reach}
        onChange={setReach}
        refusalId={namedIn(refusal, refusalId, 'matchers')}
      />
      <div className={`utrecht-form-field${commentRefused ? ' utrecht-form-field--invalid' : ''}`}>
        <label className="utrecht-form-label" htmlFor={`${id}-comment`}>
          {t('comment')}
        </label>
        <p id={`${id}-comment-hint`} className="utrecht-form-field-description">
          {t('commentHint')}
        </p>
        <textarea
          ref={commentRef}
          id={`${id}-comment`}
          className="utrecht-textarea utrecht-textarea--html-textarea"
          required
          maxLength={1000}
          rows={2}
          value={comment}
          aria-invalid={commentRefused ? true : undefined}
          aria-describedby={`${id}-comment-hint${commentRefused ? ` ${commentRefused}` : ''}`}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
    </ActionForm>
  );
}

/** Mutes the alert (and later ones it reaches) outside the opening hours of its place. */
export function MuteForm({
  alert,
  api,
  onDone,
  onCancel,
}: {
  alert: OpenAlert;
  api: Api;
  onDone: (what: string) => void;
  onCancel: () => void;
}) {
  const t = useMessages(inboxMessages);
  const refusalId = `${useId()}-refusal`;
  const [reach, setReach] = useState<Reach>(placeOf(alert).length > 0 ? 'place' : 'rule');
  const { busy, refusal, run } = useSubmission();

  const submit = () =>
    run(async () => {
      await api.send('POST', '/mutes', mute, {
        matchers: matchersFor(alert, reach),
        when: 'outside_opening_hours',
      });
      onDone(t(`reach_${reach}`, { place: placeText(alert, t) }));
    });
  return (
    <ActionForm
      title={t('muteTitle')}
      submit={() => void submit()}
      submitText={t('submitMute')}
      busy={busy}
      refusal={refusal}
      refusalId={refusalId}
      onCancel={onCancel}
    >
      <p className="utrecht-paragraph">{t('muteExplain')}</p>
      <ReachChoice
        alert={alert}
        value={reach}
        onChange={setReach}
        refusalId={namedIn(refusal, refusalId, 'matchers')}
        focusOnOpen
      />
    </ActionForm>
  );
}
