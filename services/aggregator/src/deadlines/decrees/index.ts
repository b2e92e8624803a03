/**
 * Every Atw decree stuurwiel knows. A new decree is a new module beside these, added to the list:
 * the days it names then count as holidays for every legal term and service norm.
 */
import { ATW_DECREE_2026_2028 } from './2026-2028.js';
import type { AtwDecree } from './types.js';

export type { AtwDecree } from './types.js';

export const ATW_DECREES: readonly AtwDecree[] = [ATW_DECREE_2026_2028];

/** The days all known decrees equate with the Atw holidays. */
export const atwDecreeDays = (decrees: readonly AtwDecree[] = ATW_DECREES) =>
  decrees.flatMap((d) => d.days.map((day) => ({ ...day })));
