import type { HistoryResult } from '@stuurwiel/schemas';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { Api } from '../../app/api.js';
import { useMessages } from '../../app/i18n.js';
import { useValueFormat } from './format.js';
import { managerMessages } from './messages.js';
import type { Period } from './period.js';
import type { HistoryParams } from './query.js';
import type { ManagerState } from './state.js';

/** What every level gets: the API, the period, the view's state and how to go to another. */
export interface ViewProps {
  api: Api;
  period: Period;
  state: ManagerState;
  href: (state: ManagerState) => string;
  go: (state: ManagerState) => void;
}

/** The gateway's refusal or failure, as it says it (it names the field). */
export function Problem({ reason }: { reason: string }) {
  const t = useMessages(managerMessages);
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert">
      <p className="utrecht-paragraph">{t('error', { reason })}</p>
    </div>
  );
}

export function Loading() {
  const t = useMessages(managerMessages);
  return (
    <p className="utrecht-paragraph" role="status">
      {t('loading')}
    </p>
  );
}

/** A labelled text box (numbers are typed as text, so the gateway judges them and names the field). */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
}) {
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        className="utrecht-textbox"
        {...(type === 'text' ? { inputMode: 'decimal' as const } : {})}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** The period of every level: first and last day, applied together. */
export function PeriodForm({ period, onApply }: { period: Period; onApply: (period: Period) => void }) {
  const t = useMessages(managerMessages);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (from && to) onApply({ from, to });
  };
  return (
    <form className="manager-period" onSubmit={submit} aria-label={t('period')}>
      <TextField id="period-from" label={t('from')} type="date" value={from} onChange={setFrom} />
      <TextField id="period-to" label={t('to')} type="date" value={to} onChange={setTo} />
      <button type="submit" className="utrecht-button utrecht-button--secondary-action">
        {t('apply')}
      </button>
    </form>
  );
}

/** CSV and Excel of a history query, from the gateway's export (the same rows as the page). */
export function DataDownloads({
  api,
  params,
  onError,
}: {
  api: Api;
  params: HistoryParams;
  onError: (reason: string) => void;
}) {
  const t = useMessages(managerMessages);
  const download = (format: 'csv' | 'xlsx') =>
    api
      .download('/history/export', { ...params, format }, `${params.kpi}.${format}`)
      .catch((error: Error) => onError(error.message));
  return (
    <fieldset className="manager-downloads">
      <legend className="manager-visually-hidden">{t('downloads')}</legend>
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action"
        onClick={() => download('csv')}
      >
        {t('downloadCsv')}
      </button>
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action"
        onClick={() => download('xlsx')}
      >
        {t('downloadXlsx')}
      </button>
    </fieldset>
  );
}

const GROUP_LABELS = {
  location: 'd_location',
  queue: 'd_queue',
  product: 'd_product',
  channel: 'd_channel',
  team: 'd_team',
  case_type: 'd_case_type',
  visit_type: 'd_visit_type',
  hour_of_day: 'd_hour_of_day',
  weekday: 'd_weekday',
} as const;
export const groupLabelKey = (g: string) => GROUP_LABELS[g as keyof typeof GROUP_LABELS] ?? 'd_location';

/** The rows of a history answer as a table: bucket, groups, value, basis, norm. */
export function HistoryTable({
  result,
  caption,
  testId,
}: {
  result: HistoryResult;
  caption: ReactNode;
  testId?: string;
}) {
  const t = useMessages(managerMessages);
  const f = useValueFormat();
  const groups = result.query.group_by?.split(',') ?? [];
  const hasNorm = result.rows.some((r) => r.norm !== undefined);
  if (result.rows.length === 0) return <p className="utrecht-paragraph">{t('noRows')}</p>;
  return (
    <div className="manager-table-wrap">
      <table className="utrecht-table utrecht-table--html-table" data-testid={testId}>
        <caption className="utrecht-table__caption">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">
              {t('bucket')}
            </th>
            {groups.map((g) => (
              <th key={g} scope="col" className="utrecht-table__header-cell">
                {t(groupLabelKey(g))}
              </th>
            ))}
            <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">
              {t('value')}
            </th>
            <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">
              {t('basis')}
            </th>
            {hasNorm ? (
              <th
                scope="col"
                className="utrecht-table__header-cell utrecht-table__header-cell--numeric-column"
              >
                {t('norm')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {result.rows.map((row) => {
            const groupValues = row.group as Record<string, string | number>;
            return (
              <tr
                key={`${row.bucket}|${groups.map((g) => groupValues[g]).join('|')}`}
                className="utrecht-table__row"
              >
                <th scope="row" className="utrecht-table__header-cell" data-cell="bucket">
                  {row.bucket}
                </th>
                {groups.map((g) => (
                  <td key={g} className="utrecht-table__cell" data-cell={g}>
                    {String(groupValues[g] ?? '')}
                  </td>
                ))}
                <td className="utrecht-table__cell utrecht-table__cell--numeric-column" data-cell="value">
                  {f.value(row.value, row.unit)}
                </td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric-column" data-cell="basis">
                  {f.number(row.basis)}
                </td>
                {hasNorm ? (
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column" data-cell="norm">
                    {row.norm === undefined || row.norm === null ? '' : f.number(row.norm)}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
