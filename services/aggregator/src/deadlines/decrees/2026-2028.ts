import type { AtwDecree } from './types.js';

/**
 * Besluit van 2024 tot gelijkstelling van dagen met de in de Algemene termijnenwet genoemde
 * algemeen erkende feestdagen (2026–2028). Names as the decree gives the day it follows or precedes.
 */
export const ATW_DECREE_2026_2028: AtwDecree = {
  title: 'Besluit gelijkgestelde dagen Algemene termijnenwet 2026–2028',
  years: { from: 2026, to: 2028 },
  days: [
    { date: '2026-01-02', name: 'Vrijdag na Nieuwjaarsdag (Atw-besluit)' },
    { date: '2026-05-15', name: 'Vrijdag na Hemelvaartsdag (Atw-besluit)' },
    { date: '2027-05-07', name: 'Vrijdag na Hemelvaartsdag (Atw-besluit)' },
    { date: '2028-04-28', name: 'Vrijdag na Koningsdag (Atw-besluit)' },
    { date: '2028-05-26', name: 'Vrijdag na Hemelvaartsdag (Atw-besluit)' },
  ],
};
