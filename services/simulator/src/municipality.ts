import { CaseTeams } from './cases.js';
import type { MunicipalityConfig } from './config.js';
import { LocationCounter } from './counter.js';
import { localTime } from './local-time.js';
import { PhoneExchange } from './phone.js';
import { type Outgoing, Timeline } from './records.js';
import { Rng } from './rng.js';
import { type ScenarioName, Scenarios } from './scenarios.js';
import { SurveyModel } from './survey.js';
import { ZgwStore } from './zgw-store.js';

/** Simulated seconds per model step: fine enough for counter calls, coarse enough to be cheap. */
export const STEP_MS = 15_000;

export interface MunicipalityOptions {
  scenarios?: readonly ScenarioName[];
  /** Root URL of the ZGW server that serves this municipality's store (for the URLs in documents). */
  zgwServerUrl?: string;
  zgwCredentials?: { clientId: string; secret: string };
}

/**
 * One simulated municipality: its counters, 14+ line, case teams and survey, advanced step by
 * step in simulated time. `advance(until)` returns every record whose instant has come, in
 * time order; records decided earlier for a later instant (a visit's end) wait until then.
 */
export class Municipality {
  readonly store: ZgwStore;
  readonly scenarios: Scenarios;
  readonly counters: LocationCounter[];
  readonly phone: PhoneExchange;
  readonly cases: CaseTeams;
  readonly survey: SurveyModel;
  readonly #timeline = new Timeline();
  readonly #closingDays: Set<string>;
  #steppedTo: number | undefined;

  constructor(
    readonly config: MunicipalityConfig,
    options: MunicipalityOptions = {},
  ) {
    const rng = new Rng(config.seed);
    this.scenarios = new Scenarios(options.scenarios ?? [], config);
    this.store = new ZgwStore(
      options.zgwServerUrl ?? 'http://zgw.invalid',
      config.tenant,
      options.zgwCredentials ?? { clientId: 'stuurwiel-simulator', secret: 'unused' },
    );
    this.#closingDays = new Set(config.closing_days.filter((d) => d.closed).map((d) => d.date));
    const survey = new SurveyModel(config, rng.fork('survey'), this.#timeline);
    this.survey = survey;
    this.counters = config.locations.map(
      (location) =>
        new LocationCounter(
          config,
          location,
          rng.fork(`counter:${location.id}`),
          this.#timeline,
          this.scenarios,
          survey,
        ),
    );
    this.phone = new PhoneExchange(config, rng.fork('phone'), this.#timeline, survey);
    this.cases = new CaseTeams(config, rng.fork('cases'), this.#timeline, this.scenarios, this.store);
  }

  get tenant(): string {
    return this.config.tenant;
  }

  /** Runs the models up to `until` (ms) and returns the records due by then. */
  advance(until: number): Outgoing[] {
    let from = this.#steppedTo ?? until;
    // The first call only sets where the simulation begins (and seeds the case backlog). Ids of
    // visits, survey answers and zaken carry the start: a restarted simulator makes new entities
    // instead of repeating the ids of the earlier run (ingest and the aggregator would take them
    // for the same visits and cases), while the same start still gives the same records.
    if (this.#steppedTo === undefined) {
      const run = Math.floor(from / 1000).toString(36);
      for (const counter of this.counters) counter.run = run;
      this.survey.run = run;
      this.cases.begin(run);
      this.#step(from, from);
    }
    while (from + STEP_MS <= until) {
      this.#step(from, from + STEP_MS);
      from += STEP_MS;
    }
    this.#steppedTo = from;
    return this.#timeline.takeUntil(until).filter((record) => !this.#silenced(record));
  }

  #step(from: number, to: number): void {
    const local = localTime(from);
    const closingDay = this.#closingDays.has(local.date);
    for (const counter of this.counters) counter.step(from, to, local, closingDay);
    this.phone.step(from, to, local, closingDay);
    this.cases.step(from, to, local, closingDay);
  }

  #silenced(record: Outgoing): boolean {
    return record.source === 'asterisk' && this.scenarios.phoneSilent(localTime(record.at));
  }
}
