import { type CanonicalEventInput, deriveEventId, entityId } from '@stuurwiel/schemas';
import { z } from 'zod';
import { shapeOf } from '../../privacy/shape-of.js';
import { type AdapterContext, ignoredRecord, rejected, type TranslatedRecord, translated } from '../types.js';

/**
 * Asterisk `queue_log` → canonical call events. See README.md next to this file for the
 * mapping table and the reasons behind each choice; the short version:
 *
 * - one line is one record (`index` = line number from 0 in the posted text, `original` = the
 *   line); lines that are blank (empty or only whitespace) are skipped without a record, since a
 *   log file may end in one or be padded by the tool that copied it;
 * - ids: `deriveEventId(tenant, 'asterisk', callid, EVENT, epoch, queuename)`, so a re-sent line
 *   gives the same id; a second event from one line appends its type; `call.offered` is one per
 *   call: `deriveEventId(tenant, 'asterisk', callid, 'call.offered')`, so a call that enters a
 *   second queue, or a DID logged twice, is not offered twice;
 * - EXITWITHTIMEOUT, EXITEMPTY and EXITWITHKEY become `call.transferred` to an external label, not
 *   `call.abandoned`: the caller did not hang up, and the short-abandon rule must not drop a
 *   queue that emptied out of the service-level denominator (it stays there, unanswered);
 * - agent names, agent channels and caller ids only ever leave here as `ctx.pseudonymise(...)`.
 */

export const queueLogOptionsSchema = z.strictObject({
  defaultLine: entityId
    .default('14+')
    .describe("Line for call.offered when no DID line of the call is known, e.g. '14+' or '14020'."),
  offeredFrom: z
    .enum(['enterqueue', 'did'])
    .default('enterqueue')
    .describe(
      "Which line makes call.offered. 'enterqueue' (plain Asterisk): each ENTERQUEUE, with the DID of " +
        "the same call when that DID line is in the same batch, else defaultLine. 'did' (dialplans " +
        'that log a DID line for every inbound call, as FreePBX does): the DID line, so calls that ' +
        'hang up in the IVR are offered too and the line is right whatever the batching.',
    ),
  queueMap: z
    .record(z.string().min(1), entityId)
    .default({})
    .describe('Asterisk queue name → stuurwiel queue id; unmapped queues keep their Asterisk name.'),
});
/** What a caller passes (defaults may be left out). */
export type QueueLogOptions = z.input<typeof queueLogOptionsSchema>;
type Options = z.output<typeof queueLogOptionsSchema>;

const VENDOR = 'asterisk';
const SOURCE = { system: 'telephony', vendor: VENDOR } as const;
/** Asterisk writes NONE where a field does not apply (no queue, no agent, no call). */
const NONE = 'NONE';
/** 9999-12-31T23:59:59Z: beyond it a Date has no ISO form. */
const MAX_EPOCH = 253_402_300_799;

const IGNORED: Record<string, string> = {
  ADDMEMBER: 'queue member event, not a call event',
  REMOVEMEMBER: 'queue member event, not a call event',
  PAUSE: 'queue member event, not a call event',
  UNPAUSE: 'queue member event, not a call event',
  PAUSEALL: 'queue member event, not a call event',
  UNPAUSEALL: 'queue member event, not a call event',
  PENALTY: 'queue member event, not a call event',
  AGENTLOGIN: 'agent event, not a call event',
  AGENTLOGOFF: 'agent event, not a call event',
  AGENTCALLBACKLOGIN: 'agent event, not a call event',
  AGENTCALLBACKLOGOFF: 'agent event, not a call event',
  QUEUESTART: 'queue system event, not a call event',
  CONFIGRELOAD: 'queue system event, not a call event',
  SYSCOMPAT: 'queue system event, not a call event',
  AGENTDUMP: 'the agent hung up during the announcement; the caller stays queued',
};

/** Events the translator reads; with IGNORED, every queue_log event it knows. */
const HANDLED = new Set([
  'DID',
  'MENUCHOICE',
  'MENUABANDON',
  'ENTERQUEUE',
  'CONNECT',
  'COMPLETEAGENT',
  'COMPLETECALLER',
  'ABANDON',
  'EXITWITHTIMEOUT',
  'EXITEMPTY',
  'EXITWITHKEY',
  'TRANSFER',
  'BLINDTRANSFER',
  'ATTENDEDTRANSFER',
  'RINGNOANSWER',
  'RINGCANCELED',
]);

/** Whether `name` is a queue_log event this adapter knows (an unknown one may be anything). */
export const isKnownEvent = (name: string): boolean => HANDLED.has(name) || Object.hasOwn(IGNORED, name);

/** A line that cannot be translated: where, and why. */
class LineError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

interface Line {
  index: number;
  text: string;
  epoch: number;
  callid: string;
  queue: string;
  agent: string;
  event: string;
  data: string[];
}

/** Longest line read; Asterisk writes lines of well under 1000 characters. */
export const MAX_LINE_LENGTH = 4096;

function parseLine(index: number, text: string): Line {
  // Refused before it is split: a line of a million '|' would otherwise be a million fields.
  if (text.length > MAX_LINE_LENGTH) {
    throw new LineError('line', `longer than ${MAX_LINE_LENGTH} characters; not a queue_log line`);
  }
  const fields = text.split('|');
  if (fields.length < 5) {
    throw new LineError(
      'line',
      `expected at least 5 fields separated by | (epoch|callid|queuename|agent|EVENT|data...), got ${fields.length}`,
    );
  }
  const [epochText, callid, queue, agent, event, ...data] = fields.map((f) => f.trim()) as [
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  if (!/^\d+$/.test(epochText) || Number(epochText) > MAX_EPOCH) {
    throw new LineError(
      'line.epoch',
      `must be whole seconds since 1970-01-01T00:00:00Z (Unix time), got ${shapeOf(epochText)}`,
    );
  }
  if (!/^[A-Z][A-Z0-9_]*$/.test(event)) {
    throw new LineError('line.event', `must be a queue_log event name in capitals, got ${shapeOf(event)}`);
  }
  return { index, text, epoch: Number(epochText), callid, queue, agent, event, data };
}

/** The data fields of one line, read by name, with the errors the reject path names. */
class DataReader {
  constructor(private readonly line: Line) {}

  /** Requires at least `names.length` data fields; `names` documents their order. */
  need(names: string[]): this {
    if (this.line.data.length < names.length) {
      throw new LineError(
        'line.data',
        `${this.line.event} needs ${names.length} data field${names.length === 1 ? '' : 's'} ` +
          `(${names.join('|')}), got ${this.line.data.length}`,
      );
    }
    return this;
  }

  text(i: number, name: string): string {
    const value = this.line.data[i] ?? '';
    if (value === '') throw new LineError(`line.data.${name}`, `${this.line.event} needs a ${name}`);
    return value;
  }

  optionalText(i: number): string | undefined {
    const value = this.line.data[i];
    return value === undefined || value === '' ? undefined : value;
  }

  seconds(i: number, name: string): number {
    return this.whole(i, name, 'seconds');
  }

  optionalSeconds(i: number, name: string): number | undefined {
    return this.line.data[i] === undefined || this.line.data[i] === ''
      ? undefined
      : this.whole(i, name, 'seconds');
  }

  milliseconds(i: number, name: string): number {
    return this.whole(i, name, 'milliseconds');
  }

  private whole(i: number, name: string, unit: string): number {
    const value = this.line.data[i] ?? '';
    if (!/^\d+$/.test(value)) {
      throw new LineError(
        `line.data.${name}`,
        `must be a whole number of ${unit} ≥ 0, got ${shapeOf(value)}`,
      );
    }
    return Number(value);
  }
}

function requireCall(line: Line): void {
  if (line.callid === '' || line.callid === NONE) {
    throw new LineError(
      'line.callid',
      `${line.event} needs the call's uniqueid, got ${line.callid || 'nothing'}`,
    );
  }
  if (line.callid.length > 128) throw new LineError('line.callid', 'must be at most 128 characters');
}

function requireQueue(line: Line): void {
  if (line.queue === '' || line.queue === NONE) {
    throw new LineError(
      'line.queuename',
      `${line.event} needs the queue name, got ${line.queue || 'nothing'}`,
    );
  }
}

function requireAgent(line: Line): void {
  if (line.agent === '' || line.agent === NONE) {
    throw new LineError(
      'line.agent',
      `${line.event} needs the agent (queue member), got ${line.agent || 'nothing'}`,
    );
  }
}

/** A caller id worth a key: at least three digits (not 'anonymous', 'unknown' or empty). */
function callerKey(ctx: AdapterContext, callerid: string | undefined): { caller_key?: string } {
  if (!callerid || (callerid.match(/\d/g)?.length ?? 0) < 3) return {};
  return { caller_key: ctx.pseudonymise(callerid) };
}

/**
 * A transfer destination as a label. Short internal extensions (a department, a voicemail box)
 * stay readable; anything with seven digits or more is a phone number and is never written.
 */
function destinationLabel(extension: string, context: string | undefined): string {
  const digits = extension.match(/\d/g)?.length ?? 0;
  const target = digits >= 7 ? 'external-number' : extension;
  return context ? `${target}@${context}` : target;
}

function isoTime(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
}

interface CallInfo {
  /** The dialled number from this call's first DID line in the batch. */
  did?: string;
}

class Translator {
  constructor(
    private readonly ctx: AdapterContext,
    private readonly options: Options,
    private readonly calls: Map<string, CallInfo>,
  ) {}

  translate(line: Line): TranslatedRecord {
    const ignored = IGNORED[line.event];
    if (ignored !== undefined) return ignoredRecord(line.index, line.text, `${line.event}: ${ignored}`);
    switch (line.event) {
      case 'DID':
        return this.did(line);
      case 'MENUCHOICE':
        return this.menuChoice(line);
      case 'MENUABANDON':
        return this.menuAbandon(line);
      case 'ENTERQUEUE':
        return this.enterQueue(line);
      case 'CONNECT':
        return this.connect(line);
      case 'COMPLETEAGENT':
      case 'COMPLETECALLER':
        return this.complete(line);
      case 'ABANDON':
        return this.abandon(line);
      case 'EXITWITHTIMEOUT':
      case 'EXITEMPTY':
      case 'EXITWITHKEY':
        return this.exit(line);
      case 'TRANSFER':
      case 'BLINDTRANSFER':
        return this.blindTransfer(line);
      case 'ATTENDEDTRANSFER':
        return this.attendedTransfer(line);
      case 'RINGNOANSWER':
      case 'RINGCANCELED':
        return this.ring(line);
      default:
        throw new LineError('line.event', `unknown queue_log event of ${shapeOf(line.event)}`);
    }
  }

  private queueId(line: Line): string {
    return this.options.queueMap[line.queue] ?? line.queue;
  }

  private event<T extends CanonicalEventInput['type']>(
    line: Line,
    type: T,
    payload: Extract<CanonicalEventInput, { type: T }>['payload'],
    id = deriveEventId(this.ctx.tenant, VENDOR, line.callid, line.event, line.epoch, line.queue),
  ): CanonicalEventInput {
    return {
      spec_version: 1,
      event_id: id,
      tenant: this.ctx.tenant,
      source: { ...SOURCE },
      occurred_at: isoTime(line.epoch),
      type,
      payload,
    } as CanonicalEventInput;
  }

  /** One call.offered per call, whichever line makes it. */
  private offered(line: Line, dialled: string, caller: { caller_key?: string }): CanonicalEventInput {
    return this.event(
      line,
      'call.offered',
      { call_id: line.callid, line: dialled, ...caller },
      deriveEventId(this.ctx.tenant, VENDOR, line.callid, 'call.offered'),
    );
  }

  /** A second event from the same line: the line's id plus the event type. */
  private secondId(line: Line, type: string): string {
    return deriveEventId(this.ctx.tenant, VENDOR, line.callid, line.event, line.epoch, line.queue, type);
  }

  // DID(dialled number[|caller id]): the caller id is our convention, see README.md.
  private did(line: Line): TranslatedRecord {
    requireCall(line);
    const data = new DataReader(line).need(['did']);
    const dialled = data.text(0, 'did');
    if (dialled.length > 128) throw new LineError('line.data.did', 'must be at most 128 characters');
    if (this.options.offeredFrom !== 'did') {
      return ignoredRecord(
        line.index,
        line.text,
        'DID: the dialled number goes into call.offered of the ENTERQUEUE of this call in the same batch',
      );
    }
    return translated(line.index, line.text, [
      this.offered(line, dialled, callerKey(this.ctx, data.optionalText(1))),
    ]);
  }

  // MENUCHOICE(menu|choice): our convention for IVR choices, see README.md.
  private menuChoice(line: Line): TranslatedRecord {
    requireCall(line);
    const data = new DataReader(line).need(['menu', 'choice']);
    const menu = data.text(0, 'menu');
    const choice = data.text(1, 'choice');
    return translated(line.index, line.text, [
      this.event(line, 'call.menu_choice', { call_id: line.callid, menu, choice }),
    ]);
  }

  // MENUABANDON(menu|waittime): our convention for hang-ups in the IVR, see README.md.
  private menuAbandon(line: Line): TranslatedRecord {
    requireCall(line);
    const data = new DataReader(line).need(['menu', 'waittime']);
    data.text(0, 'menu');
    const wait = data.seconds(1, 'waittime');
    return translated(line.index, line.text, [
      this.event(line, 'call.abandoned', { call_id: line.callid, stage: 'menu', wait_seconds: wait }),
    ]);
  }

  // ENTERQUEUE(url|callerid[|position]); position since Asterisk 12.
  private enterQueue(line: Line): TranslatedRecord {
    requireCall(line);
    requireQueue(line);
    const data = new DataReader(line).need(['url', 'callerid']);
    const queued = this.event(line, 'call.queued', { call_id: line.callid, queue_id: this.queueId(line) });
    if (this.options.offeredFrom === 'did') return translated(line.index, line.text, [queued]);
    const dialled = this.calls.get(line.callid)?.did ?? this.options.defaultLine;
    const offered = this.offered(line, dialled, callerKey(this.ctx, data.optionalText(1)));
    return translated(line.index, line.text, [offered, queued]);
  }

  // CONNECT(holdtime|bridged channel uniqueid|ringtime); older versions log fewer fields.
  private connect(line: Line): TranslatedRecord {
    requireCall(line);
    requireQueue(line);
    requireAgent(line);
    const data = new DataReader(line).need(['holdtime']);
    const hold = data.seconds(0, 'holdtime');
    data.optionalSeconds(2, 'ringtime');
    return translated(line.index, line.text, [
      this.event(line, 'call.answered', {
        call_id: line.callid,
        queue_id: this.queueId(line),
        agent_key: this.ctx.pseudonymise(line.agent),
        wait_seconds: hold,
      }),
    ]);
  }

  // COMPLETEAGENT / COMPLETECALLER(holdtime|calltime|origposition).
  private complete(line: Line): TranslatedRecord {
    requireCall(line);
    const data = new DataReader(line).need(['holdtime', 'calltime']);
    data.seconds(0, 'holdtime');
    const talk = data.seconds(1, 'calltime');
    return translated(line.index, line.text, [
      this.event(line, 'call.ended', {
        call_id: line.callid,
        talk_seconds: talk,
        hold_seconds: 0,
        after_call_work_seconds: 0,
        ended_by: line.event === 'COMPLETEAGENT' ? 'agent' : 'caller',
      }),
    ]);
  }

  // ABANDON(position|origposition|waittime).
  private abandon(line: Line): TranslatedRecord {
    requireCall(line);
    requireQueue(line);
    const data = new DataReader(line).need(['position', 'origposition', 'waittime']);
    const wait = data.seconds(2, 'waittime');
    return translated(line.index, line.text, [
      this.event(line, 'call.abandoned', {
        call_id: line.callid,
        stage: 'queue',
        queue_id: this.queueId(line),
        wait_seconds: wait,
      }),
    ]);
  }

  // EXITWITHTIMEOUT / EXITEMPTY(position|origposition|waittime), EXITWITHKEY(key|position|origposition|waittime).
  private exit(line: Line): TranslatedRecord {
    requireCall(line);
    requireQueue(line);
    let label: string;
    if (line.event === 'EXITWITHKEY') {
      const data = new DataReader(line).need(['key']);
      label = `exit-key-${data.text(0, 'key')}`;
      data.optionalSeconds(3, 'waittime');
    } else {
      const data = new DataReader(line).need(['position']);
      label = line.event === 'EXITEMPTY' ? 'exit-empty' : 'exit-timeout';
      data.optionalSeconds(2, 'waittime');
    }
    return translated(line.index, line.text, [
      this.event(line, 'call.transferred', {
        call_id: line.callid,
        from_queue_id: this.queueId(line),
        to: { kind: 'external', id: label },
      }),
    ]);
  }

  // TRANSFER (Asterisk ≤ 11) and BLINDTRANSFER (12+): extension|context|holdtime|calltime[|origposition].
  private blindTransfer(line: Line): TranslatedRecord {
    requireCall(line);
    requireQueue(line);
    const data = new DataReader(line).need(['extension', 'context', 'holdtime', 'calltime']);
    const label = destinationLabel(data.text(0, 'extension'), data.optionalText(1));
    data.seconds(2, 'holdtime');
    return this.transferred(line, label, data.seconds(3, 'calltime'));
  }

  // ATTENDEDTRANSFER (12+): BRIDGE|bridge id|holdtime|calltime|origposition,
  // APP|application|holdtime|calltime|origposition, LINK|channel|channel|holdtime|calltime|origposition.
  private attendedTransfer(line: Line): TranslatedRecord {
    requireCall(line);
    requireQueue(line);
    const method = new DataReader(line).need(['method']).text(0, 'method');
    let label: string;
    let times: number;
    if (method === 'BRIDGE' || method === 'APP') {
      const data = new DataReader(line).need(['method', method.toLowerCase(), 'holdtime', 'calltime']);
      label = method === 'APP' ? `app-${data.text(1, 'app')}` : 'attended-bridge';
      times = 2;
    } else if (method === 'LINK') {
      new DataReader(line).need(['method', 'channel', 'channel', 'holdtime', 'calltime']);
      // The linked channels name the agents' phones: never passed on.
      label = 'attended-link';
      times = 3;
    } else {
      throw new LineError('line.data.method', `must be BRIDGE, APP or LINK, got ${shapeOf(method)}`);
    }
    const data = new DataReader(line);
    data.seconds(times, 'holdtime');
    return this.transferred(line, label, data.seconds(times + 1, 'calltime'));
  }

  /**
   * A transfer by the agent ends the agent's leg of the call: call.transferred, and call.ended
   * with the leg's talk time, so that handling time is not lost for transferred calls. If the
   * call enters another queue, that queue's answer starts a new leg with its own call.ended.
   */
  private transferred(line: Line, label: string, talk: number): TranslatedRecord {
    return translated(line.index, line.text, [
      this.event(line, 'call.transferred', {
        call_id: line.callid,
        from_queue_id: this.queueId(line),
        to: { kind: 'external', id: label },
      }),
      this.event(
        line,
        'call.ended',
        {
          call_id: line.callid,
          talk_seconds: talk,
          hold_seconds: 0,
          after_call_work_seconds: 0,
          ended_by: 'agent',
        },
        this.secondId(line, 'call.ended'),
      ),
    ]);
  }

  // RINGNOANSWER / RINGCANCELED(ringtime in milliseconds): the caller keeps waiting.
  private ring(line: Line): TranslatedRecord {
    const ms = new DataReader(line).need(['ringtime']).milliseconds(0, 'ringtime');
    const seconds = Math.round(ms / 100) / 10;
    const what = line.event === 'RINGNOANSWER' ? 'not answered' : 'cancelled';
    return ignoredRecord(
      line.index,
      line.text,
      `${line.event}: an agent's phone rang ${seconds} s, ${what}; the caller stays queued`,
    );
  }
}

/**
 * Translates the text of a queue_log (a whole file or any run of its lines) into one record per
 * non-blank line. Pure: the same text, context and options give the same records.
 */
export function translateQueueLog(
  text: string,
  ctx: AdapterContext,
  options: QueueLogOptions = {},
): TranslatedRecord[] {
  const opts = queueLogOptionsSchema.parse(options);
  const parsed: (Line | TranslatedRecord)[] = [];
  const calls = new Map<string, CallInfo>();
  text.split('\n').forEach((raw, index) => {
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Blank lines carry nothing and are skipped without a record; their number still counts.
    if (lineText.trim() === '') return;
    try {
      const line = parseLine(index, lineText);
      const did = line.event === 'DID' ? line.data[0] : undefined;
      if (did && did.length <= 128 && !calls.has(line.callid)) {
        calls.set(line.callid, { did });
      }
      parsed.push(line);
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      parsed.push(rejected(index, lineText, error.path, error.message));
    }
  });
  const translator = new Translator(ctx, opts, calls);
  return parsed.map((item) => {
    if (!('text' in item)) return item;
    try {
      return translator.translate(item);
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      return rejected(item.index, item.text, error.path, error.message);
    }
  });
}
