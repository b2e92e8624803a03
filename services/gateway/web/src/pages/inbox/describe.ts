import type { AlertMessage } from '@stuurwiel/schemas';
import { placeOf } from './matchers.js';
import type { InboxKey, InboxT } from './messages.js';

/** The number formats the texts need (useFormat's, or a fixed one in a test). */
export interface NumberFormat {
  number(n: number): string;
  percent(share: number): string;
  duration(seconds: number): string;
}

/** A measured value or threshold in its unit, as people read it: "4 min", "72%", "12". */
export function valueText(value: number, unit: AlertMessage['unit'], format: NumberFormat): string {
  switch (unit) {
    case 'seconds':
      return value < 60 ? `${format.number(value)} s` : format.duration(value);
    case 'minutes':
      return `${format.number(value)} min`;
    case 'share':
      return format.percent(value);
    default:
      return format.number(value);
  }
}

/** "3 werkdagen", "vandaag", "2 werkdagen te laat" for an item's working days left. */
export function workingDaysText(left: number, t: InboxT): string {
  if (left === 0) return t('daysLeft_today');
  if (left === 1) return t('daysLeft_one');
  if (left > 1) return t('daysLeft_many', { n: left });
  if (left === -1) return t('daysLeft_late_one');
  return t('daysLeft_late_many', { n: -left });
}

/** Where the alert is: "team vergunningen · zaaktype omgevingsvergunning", or the whole municipality. */
export function placeText(alert: Pick<AlertMessage, 'labels'>, t: InboxT): string {
  const place = placeOf(alert);
  if (place.length === 0) return t('wholeMunicipality');
  return place.map(([name, value]) => `${t(`label_${name}` as InboxKey)} ${value}`).join(' · ');
}

/** The heading of an alert's deadline items: its kind ("Zaken"), or "Items" when they are of several kinds. */
export function itemsKindText(items: AlertMessage['items'], t: InboxT): string {
  const kinds = new Set(items.map((i) => i.kind));
  const [only] = kinds;
  return kinds.size === 1 && only !== undefined ? t(`item_${only}`) : t('item_mixed');
}
