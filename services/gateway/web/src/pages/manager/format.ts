import type { HistoryUnit } from '@stuurwiel/schemas';
import { useFormat, useLang } from '../../app/i18n.js';

const DAYS: Record<'nl' | 'en', { calendar_days: string; working_days: string }> = {
  nl: { calendar_days: 'dagen', working_days: 'werkdagen' },
  en: { calendar_days: 'days', working_days: 'working days' },
};

/** A KPI value as people read it, by its unit; the KPI name as the registry says it. */
export function useValueFormat() {
  const f = useFormat();
  const { lang } = useLang();
  const score = new Intl.NumberFormat(f.locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const seconds = (s: number) => (s < 120 ? `${f.number(Math.round(s))} s` : f.duration(s));
  return {
    ...f,
    value(value: number | null, unit: HistoryUnit | string): string {
      if (value === null) return '–';
      switch (unit) {
        case 'share':
          return f.percent(value);
        case 'seconds':
          return seconds(value);
        case 'calendar_days':
        case 'working_days':
          return `${f.number(value)} ${DAYS[lang][unit]}`;
        case 'normalised_score':
          return score.format(value);
        default:
          return f.number(value);
      }
    },
    date: (day: string) =>
      new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${day.slice(0, 10)}T00:00:00Z`),
      ),
  };
}

/** A KPI's name for people: its registry name with spaces (the definition explains it). */
export const kpiLabel = (name: string): string => {
  const text = name.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
