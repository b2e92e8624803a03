import type { AlertMessage } from '@stuurwiel/schemas';
import { useFormat, useMessages } from '../../app/i18n.js';
import { itemsKindText, workingDaysText } from './describe.js';
import { inboxMessages } from './messages.js';
import { itemsByDeadline } from './order.js';

const STATUS_ICON: Record<AlertMessage['items'][number]['status'], string> = {
  overdue: '✖',
  at_risk: '⚠',
  on_track: '✓',
  suspended: '‖',
};

/**
 * The cases, callbacks or e-mails behind a deadline alert, by deadline, each with its working
 * days left: folded away, so that the list of alerts stays short.
 */
export function DeadlineItems({ alert }: { alert: Pick<AlertMessage, 'items' | 'items_total'> }) {
  const t = useMessages(inboxMessages);
  const format = useFormat();
  const items = itemsByDeadline(alert.items);
  const kind = itemsKindText(items, t);
  return (
    <details className="inbox-items" data-testid="deadline-items">
      <summary>{t('items', { kind, count: alert.items_total })}</summary>
      <div className="utrecht-table-container">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">{t('itemsCaption', { kind })}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t('column_due')}
              </th>
              <th
                scope="col"
                className="utrecht-table__header-cell utrecht-table__header-cell--numeric-column"
              >
                {t('column_left')}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t('column_item')}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t('column_kind')}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t('column_status')}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {items.map((item) => (
              <tr
                key={`${item.kind}|${item.item_id}`}
                className={`utrecht-table__row inbox-item inbox-item--${item.status}`}
                data-testid="deadline-item"
                data-item={item.item_id}
              >
                <td className="utrecht-table__cell">
                  <time dateTime={item.due_at}>{format.dateTime(item.due_at)}</time>
                </td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric-data">
                  {workingDaysText(item.working_days_left, t)}
                </td>
                <th scope="row" className="utrecht-table__cell">
                  {item.item_id}
                </th>
                <td className="utrecht-table__cell">{t(`kind_${item.kind}`)}</td>
                <td className="utrecht-table__cell">
                  <span aria-hidden="true">{STATUS_ICON[item.status]} </span>
                  {t(`status_${item.status}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {alert.items_total > items.length ? (
        <p className="utrecht-paragraph">
          {t('itemsMore', { shown: items.length, total: alert.items_total })}
        </p>
      ) : null}
    </details>
  );
}
