import type { MunicipalityConfig } from './config.js';
import { type LocalTime, withOffset } from './local-time.js';
import type { Timeline } from './records.js';
import type { Rng } from './rng.js';
import type { Scenarios } from './scenarios.js';
import { isOpen, openMinutes } from './schedule.js';
import type { ZgwStore } from './zgw-store.js';

type CaseType = MunicipalityConfig['cases']['types'][number];

interface Zaak {
  uuid: string;
  url: string;
  type: CaseType;
  /** Start date + doorlooptijd, YYYY-MM-DD: the team works the earliest first, mostly. */
  deadline: string;
  suspended: boolean;
  inTreatment: boolean;
}

interface CatalogEntry {
  zaaktype: string;
  statustypen: [string, string, string];
  resultaattype: string;
}

const STATUSES = ['Ontvangen', 'In behandeling', 'Afgehandeld'] as const;
/** Mean working days a suspended case waits for the applicant. */
const SUSPENSION_DAYS = 3;

const days = (duration: string): number => {
  const n = Number(duration.slice(1, -1));
  return duration.endsWith('W') ? n * 7 : n;
};

const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The case teams as a zaaksysteem (Open Zaak style) reports them: new zaken arrive during office
 * hours, are picked up, sometimes suspended while the applicant completes the request, and closed
 * by the team at its daily strength, earliest deadline first for the most part. Every change is
 * made in the ZGW store first, then announced by a Notificaties API callback that carries only
 * URLs, as ingest's ZGW adapter expects.
 */
export class CaseTeams {
  readonly #open = new Map<string, Zaak[]>();
  readonly #catalog = new Map<string, CatalogEntry>();
  #sequence = 0;
  #seeded = false;
  /** Ids of zaken, statuses and resultaten: a stream of this run's own, so that a restarted simulator never reuses a zaak uuid. */
  #ids: Rng;
  #run = '';

  constructor(
    private readonly config: MunicipalityConfig,
    private readonly rng: Rng,
    private readonly timeline: Timeline,
    private readonly scenarios: Scenarios,
    private readonly store: ZgwStore,
  ) {
    this.#ids = rng;
    for (const type of config.cases.types) {
      this.#open.set(type.id, []);
      this.#catalog.set(type.id, this.#publish(type));
    }
  }

  /** Open cases per case type. */
  backlog(): Record<string, number> {
    return Object.fromEntries([...this.#open].map(([id, open]) => [id, open.length]));
  }

  #publish(type: CaseType): CatalogEntry {
    const root = this.store.catalogiApiUrl;
    const zaaktype = `${root}/zaaktypen/${this.rng.uuid()}`;
    this.store.put({
      url: zaaktype,
      identificatie: type.id,
      omschrijving: type.name,
      doorlooptijd: type.doorlooptijd,
      servicenorm: type.servicenorm ?? null,
      opschortingEnAanhoudingMogelijk: type.suspend_share > 0,
      verlengingMogelijk: type.extension_allowed,
      verlengingstermijn: type.extension_allowed ? type.doorlooptijd : null,
    });
    const statustypen = STATUSES.map((omschrijving, i) => {
      const url = `${root}/statustypen/${this.rng.uuid()}`;
      this.store.put({
        url,
        zaaktype,
        omschrijving,
        volgnummer: i + 1,
        isEindstatus: i === STATUSES.length - 1,
      });
      return url;
    }) as [string, string, string];
    const resultaattype = `${root}/resultaattypen/${this.rng.uuid()}`;
    this.store.put({ url: resultaattype, zaaktype, omschrijving: 'Afgehandeld' });
    return { zaaktype, statustypen, resultaattype };
  }

  /** Called once, before the first step, with the run's tag (see Municipality.advance). */
  begin(run: string): void {
    this.#run = run;
    this.#ids = this.rng.fork(`run:${run}`);
  }

  step(from: number, to: number, local: LocalTime, closingDay: boolean): void {
    if (!this.#seeded) {
      this.#seeded = true;
      for (const type of this.config.cases.types) this.#seedBacklog(type, from, local);
    }
    const hours = this.config.cases.office_hours;
    if (closingDay || !isOpen(hours, local)) return;
    const minutes = (to - from) / 60_000;
    const perDay = openMinutes(hours, local);
    const strength = this.scenarios.caseStrength(local);
    for (const type of this.config.cases.types) {
      const open = this.#open.get(type.id)!;
      const at = () => Math.floor(this.rng.uniform(from, to));
      for (let n = this.rng.poisson((type.per_weekday * minutes) / perDay); n > 0; n--) {
        this.#create(type, at(), local.date, false);
      }
      for (let n = this.rng.poisson((type.per_weekday * minutes) / perDay); n > 0; n--) {
        const waiting = open.filter((z) => !z.inTreatment && !z.suspended);
        if (waiting.length > 0) this.#setStatus(this.rng.pick(waiting), 1, at());
      }
      for (let n = this.rng.poisson((type.per_weekday * type.suspend_share * minutes) / perDay); n > 0; n--) {
        const active = open.filter((z) => z.inTreatment && !z.suspended);
        if (active.length > 0) this.#suspend(this.rng.pick(active), at(), true);
      }
      for (const zaak of open.filter((z) => z.suspended)) {
        if (this.rng.chance(minutes / (perDay * SUSPENSION_DAYS))) this.#suspend(zaak, at(), false);
      }
      for (let n = this.rng.poisson((type.closed_per_weekday * strength * minutes) / perDay); n > 0; n--) {
        this.#closeOne(type, at(), local.date);
      }
    }
  }

  /** The open cases already there when the simulation starts: start dates spread over the norm. */
  #seedBacklog(type: CaseType, at: number, local: LocalTime): void {
    const norm = days(type.doorlooptijd);
    for (let i = 0; i < type.initial_backlog; i++) {
      const start = addDays(local.date, -Math.floor(this.rng.uniform(0, norm * 1.1)));
      const zaak = this.#create(type, at, start, true);
      if (this.rng.chance(0.6)) this.#setStatus(zaak, 1, at);
    }
  }

  #notify(at: number, resource: string, resourceUrl: string, actie: string, zaak: Zaak): void {
    this.timeline.add({
      source: 'zgw',
      at,
      body: {
        kanaal: 'zaken',
        hoofdObject: zaak.url,
        resource,
        resourceUrl,
        actie,
        aanmaakdatum: withOffset(at),
        kenmerken: {
          bronorganisatie: '001234567',
          zaaktype: this.#catalog.get(zaak.type.id)!.zaaktype,
          vertrouwelijkheidaanduiding: 'openbaar',
        },
      },
    });
  }

  #create(type: CaseType, at: number, startdatum: string, seeded: boolean): Zaak {
    this.#sequence++;
    const uuid = this.#ids.uuid();
    const url = this.store.zaakUrl(uuid);
    const zaak: Zaak = {
      uuid,
      url,
      type,
      deadline: addDays(startdatum, days(type.doorlooptijd)),
      suspended: false,
      inTreatment: false,
    };
    this.store.put({
      url,
      uuid,
      identificatie: `ZAAK-${startdatum.slice(0, 4)}-${this.#run}-${String(this.#sequence).padStart(7, '0')}`,
      bronorganisatie: '001234567',
      zaaktype: this.#catalog.get(type.id)!.zaaktype,
      startdatum,
      einddatum: null,
      status: null,
      resultaat: null,
      opschorting: { indicatie: false, reden: '', eerdereOpschorting: false },
      verlenging: null,
    });
    this.#open.get(type.id)!.push(zaak);
    this.#notify(at, 'zaak', url, 'create', zaak);
    this.#setStatus(zaak, 0, at);
    if (!seeded && this.rng.chance(this.config.bad_record_share)) {
      // A notification about a zaak in someone else's Zaken API: ingest refuses it unasked.
      this.timeline.add({
        source: 'zgw',
        at,
        body: {
          kanaal: 'zaken',
          hoofdObject: `https://zaken.elders.example/api/v1/zaken/${uuid}`,
          resource: 'zaak',
          resourceUrl: `https://zaken.elders.example/api/v1/zaken/${uuid}`,
          actie: 'create',
          aanmaakdatum: withOffset(at),
          kenmerken: {},
        },
      });
    }
    return zaak;
  }

  #setStatus(zaak: Zaak, index: 0 | 1 | 2, at: number, einddatum?: string): void {
    const statusUrl = `${this.store.zakenApiUrl}/statussen/${this.#ids.uuid()}`;
    this.store.put({
      url: statusUrl,
      zaak: zaak.url,
      statustype: this.#catalog.get(zaak.type.id)!.statustypen[index],
      datumStatusGezet: new Date(at).toISOString(),
    });
    this.store.update(zaak.url, { status: statusUrl, ...(einddatum ? { einddatum } : {}) });
    if (index === 1) zaak.inTreatment = true;
    this.#notify(at, 'status', statusUrl, 'create', zaak);
  }

  #suspend(zaak: Zaak, at: number, suspended: boolean): void {
    zaak.suspended = suspended;
    this.store.update(zaak.url, {
      opschorting: {
        indicatie: suspended,
        reden: suspended ? 'Aanvullende gegevens gevraagd' : '',
        eerdereOpschorting: true,
      },
    });
    this.#notify(at, 'zaak', zaak.url, 'partial_update', zaak);
  }

  #closeOne(type: CaseType, at: number, date: string): void {
    const open = this.#open.get(type.id)!;
    const candidates = open.filter((z) => !z.suspended);
    if (candidates.length === 0) return;
    // Mostly the earliest deadline first; some quick ones jump the line, as in a real team.
    const zaak = this.rng.chance(0.7)
      ? candidates.reduce((a, b) => (b.deadline < a.deadline ? b : a))
      : this.rng.pick(candidates);
    open.splice(open.indexOf(zaak), 1);
    const resultaat = `${this.store.zakenApiUrl}/resultaten/${this.#ids.uuid()}`;
    this.store.put({
      url: resultaat,
      zaak: zaak.url,
      resultaattype: this.#catalog.get(type.id)!.resultaattype,
    });
    this.store.update(zaak.url, { resultaat });
    this.#notify(at, 'resultaat', resultaat, 'create', zaak);
    this.#setStatus(zaak, 2, at, date);
  }
}
