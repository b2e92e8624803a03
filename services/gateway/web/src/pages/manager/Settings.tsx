import {
  type AlertRule,
  alertRule,
  type NormInForce,
  normList,
  referenceNormPayload,
  ruleList,
} from '@stuurwiel/schemas';
import { type FormEvent, useState } from 'react';
import type { Api } from '../../app/api.js';
import { useMessages } from '../../app/i18n.js';
import { Loading, Problem } from './common.js';
import { useValueFormat } from './format.js';
import { useRemote } from './hooks.js';
import { type ManagerMessage, managerMessages } from './messages.js';

/** The numbers of a rule people tune; the rest of the rule is kept as it is. */
const RULE_FIELDS = [
  'threshold',
  'recovery',
  'for_seconds',
  'min_count',
  'horizon_minutes',
  'resolve_after_minutes',
  'target_share',
  'min_offered',
  'min_quiet_minutes',
  'max_quiet_minutes',
  'gap_factor',
] as const;

/** A number as typed; an empty or unreadable field stays text so the gateway names it. */
const numberOf = (text: string): number | string =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;

function Saved({ outcome }: { outcome: { ok: boolean; text: string } | null }) {
  if (!outcome) return null;
  return (
    <div
      className={`utrecht-alert ${outcome.ok ? 'utrecht-alert--ok' : 'utrecht-alert--error'}`}
      role={outcome.ok ? 'status' : 'alert'}
      data-testid="settings-outcome"
    >
      <p className="utrecht-paragraph">{outcome.text}</p>
    </div>
  );
}

function NormForm({ api, item, onDone }: { api: Api; item: NormInForce; onDone: () => void }) {
  const t = useMessages(managerMessages);
  const [target, setTarget] = useState(String(item.norm.target));
  const [share, setShare] = useState(item.norm.share === undefined ? '' : String(item.norm.share));
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const id = item.norm.norm_id;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = { ...item.norm, target: numberOf(target) };
    if (share.trim() === '') delete body.share;
    else body.share = numberOf(share);
    try {
      await api.send('PUT', `/norms/${encodeURIComponent(id)}`, referenceNormPayload, body);
      setOutcome({ ok: true, text: t('saved') });
      onDone();
    } catch (error) {
      setOutcome({ ok: false, text: t('refused', { reason: (error as Error).message }) });
    }
  };
  return (
    <form className="manager-edit" onSubmit={submit} aria-label={t('editNorm', { id })}>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor={`norm-${id}-target`}>
          {t('target')} ({item.norm.unit})
        </label>
        <input
          id={`norm-${id}-target`}
          className="utrecht-textbox"
          inputMode="decimal"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
      </div>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor={`norm-${id}-share`}>
          {t('share')}
        </label>
        <input
          id={`norm-${id}-share`}
          className="utrecht-textbox"
          inputMode="decimal"
          value={share}
          onChange={(e) => setShare(e.target.value)}
        />
      </div>
      <button type="submit" className="utrecht-button utrecht-button--primary-action">
        {t('save')}
      </button>
      <Saved outcome={outcome} />
    </form>
  );
}

function RuleForm({ api, rule, onDone }: { api: Api; rule: AlertRule; onDone: () => void }) {
  const t = useMessages(managerMessages);
  const present = RULE_FIELDS.filter((field) => field in rule);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(present.map((field) => [field, String((rule as Record<string, unknown>)[field])])),
  );
  const [enabled, setEnabled] = useState(rule.enabled);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const id = rule.rule_id;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = { ...rule, enabled };
    for (const field of present) body[field] = numberOf(values[field] ?? '');
    try {
      await api.send('PUT', `/rules/${encodeURIComponent(id)}`, alertRule, body);
      setOutcome({ ok: true, text: t('saved') });
      onDone();
    } catch (error) {
      setOutcome({ ok: false, text: t('refused', { reason: (error as Error).message }) });
    }
  };
  return (
    <form className="manager-edit" onSubmit={submit} aria-label={t('editRule', { id })}>
      {present.map((field) => (
        <div key={field} className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor={`rule-${id}-${field}`}>
            {t(`field_${field}` as ManagerMessage)}
          </label>
          <input
            id={`rule-${id}-${field}`}
            className="utrecht-textbox"
            inputMode="decimal"
            value={values[field] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
          />
        </div>
      ))}
      <div className="utrecht-form-field utrecht-form-field--checkbox">
        <input
          id={`rule-${id}-enabled`}
          type="checkbox"
          className="utrecht-checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`rule-${id}-enabled`}>
          {t('enabled')}
        </label>
      </div>
      <button type="submit" className="utrecht-button utrecht-button--primary-action">
        {t('save')}
      </button>
      <Saved outcome={outcome} />
    </form>
  );
}

/** Norms and alert rules, editable when the caller's role allows it (the gateway decides). */
export function Settings({ api, canEdit }: { api: Api; canEdit: boolean }) {
  const t = useMessages(managerMessages);
  const f = useValueFormat();
  const [norms, reloadNorms] = useRemote('norms', () => api.get('/norms', normList));
  const [rules, reloadRules] = useRemote('rules', () => api.get('/rules', ruleList));
  const [editing, setEditing] = useState<string | null>(null);
  const toggle = (key: string) => setEditing((current) => (current === key ? null : key));
  return (
    <>
      {canEdit ? null : <p className="utrecht-paragraph">{t('readOnly')}</p>}
      <section aria-labelledby="norms-heading" className="manager-section">
        <h2 id="norms-heading" className="utrecht-heading-2">
          {t('norms')}
        </h2>
        {norms.status === 'loading' ? <Loading /> : null}
        {norms.status === 'failed' ? <Problem reason={norms.reason} /> : null}
        {norms.status === 'ready' && norms.data.norms.length === 0 ? (
          <p className="utrecht-paragraph">{t('noNorms')}</p>
        ) : null}
        <ul className="manager-settings">
          {norms.status === 'ready'
            ? norms.data.norms.map((item) => (
                <li key={item.norm.norm_id} data-norm={item.norm.norm_id}>
                  <p className="utrecht-paragraph">
                    <strong>{item.norm.norm_id}</strong> · {item.norm.kpi} · {t('scope')}:{' '}
                    {item.norm.scope.id ?? item.norm.scope.kind} · {t('target')}: {f.number(item.norm.target)}{' '}
                    {item.norm.unit}
                    {item.norm.share === undefined ? '' : ` · ${t('share')}: ${f.percent(item.norm.share)}`} ·{' '}
                    {t('setAt')}: {f.dateTime(item.set_at)}
                  </p>
                  {canEdit ? (
                    <button
                      type="button"
                      className="utrecht-button utrecht-button--secondary-action"
                      aria-expanded={editing === `norm:${item.norm.norm_id}`}
                      onClick={() => toggle(`norm:${item.norm.norm_id}`)}
                    >
                      {t('editNorm', { id: item.norm.norm_id })}
                    </button>
                  ) : null}
                  {editing === `norm:${item.norm.norm_id}` ? (
                    <NormForm api={api} item={item} onDone={reloadNorms} />
                  ) : null}
                </li>
              ))
            : null}
        </ul>
      </section>
      <section aria-labelledby="rules-heading" className="manager-section">
        <h2 id="rules-heading" className="utrecht-heading-2">
          {t('rules')}
        </h2>
        {rules.status === 'loading' ? <Loading /> : null}
        {rules.status === 'failed' ? <Problem reason={rules.reason} /> : null}
        {rules.status === 'ready' && rules.data.rules.length === 0 ? (
          <p className="utrecht-paragraph">{t('noRules')}</p>
        ) : null}
        <ul className="manager-settings">
          {rules.status === 'ready'
            ? rules.data.rules.map(({ rule, changed_at }) => (
                <li key={rule.rule_id} data-rule={rule.rule_id}>
                  <p className="utrecht-paragraph">
                    <strong>{rule.name}</strong> ({rule.rule_id}) · {t('ruleKind')}: {rule.kind} ·{' '}
                    {t('severity')}: {rule.severity} · {t('enabled')}: {rule.enabled ? t('yes') : t('no')} ·{' '}
                    {t('setAt')}: {f.dateTime(changed_at)}
                  </p>
                  {canEdit ? (
                    <button
                      type="button"
                      className="utrecht-button utrecht-button--secondary-action"
                      aria-expanded={editing === `rule:${rule.rule_id}`}
                      onClick={() => toggle(`rule:${rule.rule_id}`)}
                    >
                      {t('editRule', { id: rule.rule_id })}
                    </button>
                  ) : null}
                  {editing === `rule:${rule.rule_id}` ? (
                    <RuleForm api={api} rule={rule} onDone={reloadRules} />
                  ) : null}
                </li>
              ))
            : null}
        </ul>
      </section>
    </>
  );
}
