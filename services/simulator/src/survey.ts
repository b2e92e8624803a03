import type { MunicipalityConfig } from './config.js';
import { withOffset } from './local-time.js';
import type { Timeline } from './records.js';
import type { Rng } from './rng.js';

/** A contact that may be followed by a survey invitation. */
export interface Contact {
  channel: 'counter' | 'phone';
  /** When the contact ended (ms). */
  at: number;
  /** How long the resident waited, against the norm for that channel (1 = just at the norm). */
  waitAgainstNorm: number;
  product?: string;
  location?: string;
  team: string;
}

// Comments as residents write them; two carry personal data that ingest must redact.
const COMMENTS = {
  good: ['Snel en vriendelijk geholpen', 'Prima afspraak, niet lang gewacht', 'Duidelijke uitleg, dank!'],
  bad: [
    'Veel te lang moeten wachten',
    'Niemand nam op, na een kwartier opgehangen',
    'Bel mij terug op 0612345678, ik heb nog steeds geen antwoord',
    'Mijn mail aan jan.devries@example.nl is nooit beantwoord',
  ],
};

/**
 * Survey (KTO) answers after counter visits and answered calls: most residents are content
 * (about 7.5 out of 10), and the score sinks when they waited longer than the norm.
 */
export class SurveyModel {
  #sequence = 0;
  /** Tells this run's response ids from an earlier run's (see Municipality.advance). */
  run = '';

  constructor(
    private readonly config: MunicipalityConfig,
    private readonly rng: Rng,
    private readonly timeline: Timeline,
  ) {}

  contact(contact: Contact): void {
    const { survey } = this.config;
    if (!this.rng.chance(survey.response_share[contact.channel])) return;
    const at = contact.at + this.rng.uniform(5, 40) * 60_000;
    // A 1–5 answer: mostly 4 and 5, one point lower per norm length waited beyond the norm.
    const base = this.rng.weighted(
      [
        [1, 0.04],
        [2, 0.06],
        [3, 0.15],
        [4, 0.42],
        [5, 0.33],
      ] as const,
      ([, w]) => w,
    )[0];
    const penalty = Math.max(0, Math.floor(contact.waitAgainstNorm));
    const fivePoint = Math.max(1, base - penalty);
    const { min, max } = survey.scale;
    const score =
      max === 5
        ? Math.max(min, fivePoint)
        : Math.max(min, Math.min(max, fivePoint * 2 - this.rng.between(0, 1)));
    const comment = this.rng.chance(survey.comment_share)
      ? this.rng.pick(fivePoint >= 4 ? COMMENTS.good : COMMENTS.bad)
      : undefined;
    this.#sequence++;
    const id = `${this.config.tenant}-${this.run}-R${String(this.#sequence).padStart(6, '0')}`;
    this.timeline.add({
      source: 'survey',
      at,
      body: {
        response_id: id,
        answered_at: withOffset(at),
        channel: contact.channel,
        ...(contact.product ? { product: contact.product } : {}),
        ...(contact.location ? { location: contact.location } : {}),
        team: contact.team,
        score,
        scale: { min, max },
        ...(comment ? { comment } : {}),
        supplier: 'simulated-kto',
      },
    });
    if (this.rng.chance(this.config.bad_record_share)) {
      // A score outside the scale: the survey adapter refuses it and ingest dead-letters it.
      this.timeline.add({
        source: 'survey',
        at,
        body: {
          response_id: `${id}-bad`,
          answered_at: withOffset(at),
          channel: contact.channel,
          score: max + 4,
          scale: { min, max },
        },
      });
    }
  }
}
