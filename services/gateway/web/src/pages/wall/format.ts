import type { Lang } from '../../app/i18n.js';
import type { TileValue } from './tiles.js';

/** A big number and its unit, set apart on the screen (the unit smaller). */
export interface Shown {
  value: string;
  unit: string;
}

const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

/**
 * A wait as a TV shows it: seconds under a minute ("45 s"), whole minutes under an hour
 * ("12 min"), hours and minutes beyond ("1:05 u" / "1:05 h"). Minutes round down, so a wait
 * shown as "10 min" is never past a 10-minute norm unless the tile says so.
 */
export function durationParts(seconds: number, lang: Lang): Shown {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 60) return { value: String(whole), unit: 's' };
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return { value: String(minutes), unit: 'min' };
  return {
    value: `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`,
    unit: lang === 'nl' ? 'u' : 'h',
  };
}

/** A norm in words: "10 min", "30 s", "1:30 u". */
export function durationText(seconds: number, lang: Lang): string {
  const { value, unit } = durationParts(seconds, lang);
  return `${value} ${unit}`;
}

/**
 * A share in whole percents, rounded down: 79.6 % shows as 79 %, so a figure shown at its target
 * has reached it.
 */
export function percentParts(share: number, lang: Lang): Shown {
  return { value: new Intl.NumberFormat(locale(lang)).format(Math.floor(share * 100 + 1e-9)), unit: '%' };
}

export function countText(count: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(count);
}

/** A tile's value as shown; null when there is nothing to show (the tile says "geen gegevens"). */
export function shownValue(value: TileValue, lang: Lang): Shown | null {
  switch (value.kind) {
    case 'count':
      return { value: countText(value.value, lang), unit: '' };
    case 'pair':
      return { value: `${countText(value.value, lang)} / ${countText(value.second, lang)}`, unit: '' };
    case 'seconds':
      return value.value === null ? null : durationParts(value.value, lang);
    case 'share':
      return value.value === null ? null : percentParts(value.value, lang);
  }
}
