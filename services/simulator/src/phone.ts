import type { MunicipalityConfig } from './config.js';
import type { LocalTime } from './local-time.js';
import type { Timeline } from './records.js';
import type { Rng } from './rng.js';
import { arrivalsPerMinute, isOpen } from './schedule.js';
import type { SurveyModel } from './survey.js';

type PhoneQueue = MunicipalityConfig['phone']['queues'][number];

interface Call {
  id: string;
  caller: string;
  queue: PhoneQueue;
  queuedAt: number;
  /** When the caller leaves the queue unanswered, and how. */
  leavesAt: number;
  leaves: 'abandon' | 'callback';
}

interface Agent {
  name: string;
  freeAt: number;
}

const SERVICE_LEVEL_NORM_S = 30;

/**
 * The 14+ line as an Asterisk exchange logs it in its queue_log: a call chooses in the menu
 * (or hangs up there), enters the queue of its choice, and is answered by the first free agent,
 * or hangs up when its patience runs out, or takes the callback offered after a while (key 1).
 * The menu lines follow stuurwiel's MENUCHOICE / MENUABANDON convention (ingest's asterisk README).
 */
export class PhoneExchange {
  readonly #agents = new Map<string, Agent[]>();
  readonly #waiting = new Map<string, Call[]>();
  readonly #callers: string[] = [];
  #sequence = 0;

  constructor(
    private readonly config: MunicipalityConfig,
    private readonly rng: Rng,
    private readonly timeline: Timeline,
    private readonly survey: SurveyModel,
  ) {
    for (const queue of config.phone.queues) {
      this.#agents.set(
        queue.id,
        Array.from({ length: queue.agents }, (_, i) => ({
          name: `SIP/${queue.key}${String(i + 1).padStart(2, '0')}`,
          freeAt: 0,
        })),
      );
      this.#waiting.set(queue.id, []);
    }
  }

  get waiting(): number {
    return [...this.#waiting.values()].reduce((sum, calls) => sum + calls.length, 0);
  }

  step(from: number, to: number, local: LocalTime, closingDay: boolean): void {
    const { phone } = this.config;
    if (!closingDay && isOpen(phone.opening_hours, local)) {
      const perMinute = arrivalsPerMinute(phone.calls_per_weekday, phone.pattern, phone.opening_hours, local);
      const count = this.rng.poisson((perMinute * (to - from)) / 60_000);
      const times = Array.from({ length: count }, () => this.rng.uniform(from, to)).sort((a, b) => a - b);
      for (const at of times) this.#ring(Math.floor(at));
    }
    for (const queue of phone.queues) this.#answer(queue, to);
  }

  #line(
    at: number,
    callId: string,
    queue: string,
    agent: string,
    event: string,
    ...data: (string | number)[]
  ): void {
    // The exchange keeps running while it is silent; only its log says nothing.
    const line = [Math.floor(at / 1000), callId, queue, agent, event, ...data].join('|');
    this.timeline.add({ source: 'asterisk', at, line });
  }

  #caller(): string {
    if (this.#callers.length > 0 && this.rng.chance(this.config.phone.repeat_caller_share)) {
      return this.rng.pick(this.#callers);
    }
    const caller = `06${String(this.rng.between(10_000_000, 99_999_999))}`;
    this.#callers.push(caller);
    if (this.#callers.length > 5000) this.#callers.shift();
    return caller;
  }

  #ring(at: number): void {
    const { phone } = this.config;
    this.#sequence++;
    const id = `${Math.floor(at / 1000)}.${this.#sequence}`;
    const caller = this.#caller();
    const menuSeconds = this.rng.logNormal(phone.menu.seconds.median, phone.menu.seconds.p90);
    const chosenAt = at + Math.round(menuSeconds * 1000);
    if (this.rng.chance(phone.menu.abandon_share)) {
      this.#line(chosenAt, id, 'NONE', 'NONE', 'MENUABANDON', phone.menu.name, Math.round(menuSeconds));
      return;
    }
    const queue = this.rng.weighted(phone.queues, (q) => q.share);
    this.#line(chosenAt, id, 'NONE', 'NONE', 'MENUCHOICE', phone.menu.name, queue.key);
    this.#line(chosenAt, id, queue.id, 'NONE', 'ENTERQUEUE', '', caller, 1);
    if (this.rng.chance(this.config.bad_record_share)) {
      // A CONNECT without its hold time: ingest's queue_log adapter refuses the line.
      this.#line(chosenAt, id, queue.id, 'SIP/unknown', 'CONNECT');
    }
    const patience = this.rng.exponential(phone.patience_seconds);
    const offer = phone.callback.offer_after_seconds;
    const callback = patience > offer && this.rng.chance(phone.callback.accept_share);
    this.#waiting.get(queue.id)!.push({
      id,
      caller,
      queue,
      queuedAt: chosenAt,
      leavesAt: chosenAt + Math.round((callback ? offer : patience) * 1000),
      leaves: callback ? 'callback' : 'abandon',
    });
  }

  /** Answers the queue's calls in order as agents come free; callers who give up first leave. */
  #answer(queue: PhoneQueue, until: number): void {
    const waiting = this.#waiting.get(queue.id)!;
    const agents = this.#agents.get(queue.id)!;
    waiting.sort((a, b) => a.queuedAt - b.queuedAt);
    while (waiting.length > 0) {
      const agent = agents.reduce((a, b) => (b.freeAt < a.freeAt ? b : a));
      const call = waiting[0]!;
      const answerAt = Math.max(agent.freeAt, call.queuedAt);
      if (call.leavesAt <= Math.min(answerAt, until)) {
        waiting.shift();
        this.#leave(call, waiting.length + 1);
        continue;
      }
      if (answerAt >= until) return;
      waiting.shift();
      const hold = Math.round((answerAt - call.queuedAt) / 1000);
      const talk = Math.round(
        this.rng.logNormal(this.config.phone.talk_seconds.median, this.config.phone.talk_seconds.p90),
      );
      this.#line(
        answerAt,
        call.id,
        queue.id,
        agent.name,
        'CONNECT',
        hold,
        `${call.id}-b`,
        this.rng.between(1, 6),
      );
      const end = answerAt + talk * 1000;
      this.#line(
        end,
        call.id,
        queue.id,
        agent.name,
        this.rng.chance(0.6) ? 'COMPLETECALLER' : 'COMPLETEAGENT',
        hold,
        talk,
        1,
      );
      agent.freeAt = end + this.config.phone.wrap_up_seconds * 1000;
      this.survey.contact({
        channel: 'phone',
        at: end,
        waitAgainstNorm: hold / SERVICE_LEVEL_NORM_S / 4,
        team: 'kcc',
      });
    }
  }

  #leave(call: Call, position: number): void {
    const waited = Math.round((call.leavesAt - call.queuedAt) / 1000);
    if (call.leaves === 'callback') {
      this.#line(call.leavesAt, call.id, call.queue.id, 'NONE', 'EXITWITHKEY', '1', position, 1, waited);
    } else {
      this.#line(call.leavesAt, call.id, call.queue.id, 'NONE', 'ABANDON', position, 1, waited);
    }
  }
}
