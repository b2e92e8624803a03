import {
  type AlertRule,
  alertRule,
  type NormInForce,
  normList,
  referenceNormPayload,
  ruleList,
} from '@stuurwiel/schemas';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { Api } from '../../app/api.js';
import { useMessages } from '../../app/i18n.js';
import { Loading, Problem, TextField } from './common.js';
import { useValueFormat } from './format.js';
import { type Remote, useRemote } from './hooks.js';
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
      <TextField
        id={`norm-${id}-target`}
        label={`${t('target')} (${t(`unit_${item.norm.unit}`)})`}
        value={target}
        onChange={setTarget}
      />
      <TextField id={`norm-${id}-share`} label={t('share')} value={share} onChange={setShare} />
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
        <TextField
          key={field}
          id={`rule-${id}-${field}`}
          label={t(`field_${field}` as ManagerMessage)}
          value={values[field] ?? ''}
          onChange={(value) => setValues((v) => ({ ...v, [field]: value }))}
        />
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

/** One kind of setting: a line per item, and its form when the caller may edit and opens it. */
function EditableList<T>({
  kind,
  title,
  empty,
  remote,
  canEdit,
  idOf,
  summary,
  editLabel,
  form,
}: {
  kind: 'norm' | 'rule';
  title: string;
  empty: string;
  remote: Remote<T[]>;
  canEdit: boolean;
  idOf: (item: T) => string;
  summary: (item: T) => ReactNode;
  editLabel: (item: T) => string;
  form: (item: T) => ReactNode;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby={`${kind}s-heading`} className="manager-section">
      <h2 id={`${kind}s-heading`} className="utrecht-heading-2">
        {title}
      </h2>
      {remote.status === 'loading' ? <Loading /> : null}
      {remote.status === 'failed' ? <Problem reason={remote.reason} /> : null}
      {remote.status === 'ready' && remote.data.length === 0 ? (
        <p className="utrecht-paragraph">{empty}</p>
      ) : null}
      <ul className="manager-settings">
        {(remote.status === 'ready' ? remote.data : []).map((item) => {
          const id = idOf(item);
          return (
            <li key={id} {...{ [`data-${kind}`]: id }}>
              <p className="utrecht-paragraph">{summary(item)}</p>
              {canEdit ? (
                <button
                  type="button"
                  className="utrecht-button utrecht-button--secondary-action"
                  aria-expanded={editing === id}
                  onClick={() => setEditing((current) => (current === id ? null : id))}
                >
                  {editLabel(item)}
                </button>
              ) : null}
              {editing === id ? form(item) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const itemsOf = <T, U>(remote: Remote<T>, items: (data: T) => U[]): Remote<U[]> =>
  remote.status === 'ready' ? { status: 'ready', data: items(remote.data) } : remote;

/** Norms and alert rules, editable when the caller's role allows it (the gateway decides). */
export function Settings({ api, canEdit }: { api: Api; canEdit: boolean }) {
  const t = useMessages(managerMessages);
  const f = useValueFormat();
  const [norms, reloadNorms] = useRemote('norms', () => api.get('/norms', normList));
  const [rules, reloadRules] = useRemote('rules', () => api.get('/rules', ruleList));
  return (
    <>
      {canEdit ? null : <p className="utrecht-paragraph">{t('readOnly')}</p>}
      <EditableList
        kind="norm"
        title={t('norms')}
        empty={t('noNorms')}
        remote={itemsOf(norms, (d) => d.norms)}
        canEdit={canEdit}
        idOf={(item) => item.norm.norm_id}
        summary={({ norm, set_at }) => (
          <>
            <strong>{norm.norm_id}</strong> · {norm.kpi} · {t('scope')}:{' '}
            {norm.scope.id ?? t('wholeMunicipality')} · {t('target')}: {f.number(norm.target)}{' '}
            {t(`unit_${norm.unit}`)}
            {norm.share === undefined ? '' : ` · ${t('share')}: ${f.percent(norm.share)}`} · {t('setAt')}:{' '}
            {f.dateTime(set_at)}
          </>
        )}
        editLabel={(item) => t('editNorm', { id: item.norm.norm_id })}
        form={(item) => <NormForm api={api} item={item} onDone={reloadNorms} />}
      />
      <EditableList
        kind="rule"
        title={t('rules')}
        empty={t('noRules')}
        remote={itemsOf(rules, (d) => d.rules)}
        canEdit={canEdit}
        idOf={(item) => item.rule.rule_id}
        summary={({ rule, changed_at }) => (
          <>
            <strong>{rule.name}</strong> ({rule.rule_id}) · {t('ruleKind')}: {rule.kind} · {t('severity')}:{' '}
            {rule.severity} · {t('enabled')}: {rule.enabled ? t('yes') : t('no')} · {t('setAt')}:{' '}
            {f.dateTime(changed_at)}
          </>
        )}
        editLabel={(item) => t('editRule', { id: item.rule.rule_id })}
        form={(item) => <RuleForm api={api} rule={item.rule} onDone={reloadRules} />}
      />
    </>
  );
}
