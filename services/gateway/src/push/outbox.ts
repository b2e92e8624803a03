import type { ServerMessage } from './messages.js';

/** A message, encoded at most once per wire format however many connections send it. */
export interface Frame {
  readonly message: ServerMessage;
  /** The JSON text (the plain WebSocket's frame). */
  readonly json: string;
  /**
   * The socket.io packet: an EVENT (type 2) of the main namespace named `message`
   * (socket.io protocol v5), written to the engine.io socket directly so that a broadcast to
   * many connections serialises the message once.
   */
  readonly socketIo: string;
}

export function frame(message: ServerMessage): Frame {
  let json: string | undefined;
  let socketIo: string | undefined;
  return {
    message,
    get json() {
      json ??= JSON.stringify(message);
      return json;
    },
    get socketIo() {
      socketIo ??= `2["message",${this.json}]`;
      return socketIo;
    },
  };
}

/** One connection's transport, as the outbox sees it. */
export interface Wire {
  /** Writes a frame; calls `done` once the transport has handed it to the network. */
  write(frame: Frame, done: () => void): void;
  /** Ends the connection (the outbox gave up on it). */
  close(reason: string): void;
}

/**
 * Per connection: the latest frame per key that the connection has not been sent yet. While the
 * transport still holds earlier frames (a slow or stalled client), a newer frame for a key replaces
 * the waiting one, so what waits is at most one frame per snapshot and alert of the connection's
 * rooms, never a queue that grows with time. When the transport has written everything, all that
 * waits is written at once.
 */
export interface Outbox {
  /** Queues the latest frame of `key`; one that still waits keeps its place and gets the new content. */
  put(key: string, frame: Frame): void;
  /** Queues a frame that replaces nothing (hello, subscribed, error), after everything queued so far. */
  append(frame: Frame): void;
  /** Frames waiting plus frames written that the transport has not yet handed to the network. */
  queued(): number;
  close(): void;
}

export interface OutboxOptions {
  /** More frames than this waiting closes the connection: a guard, not expected in practice. */
  maxQueued?: number;
}

export function createOutbox(wire: Wire, options: OutboxOptions = {}): Outbox {
  const maxQueued = options.maxQueued ?? 50_000;
  const waiting = new Map<string, Frame>();
  let appended = 0;
  let inFlight = 0;
  let closed = false;

  const written = () => {
    inFlight--;
    if (inFlight === 0) flush();
  };
  const flush = () => {
    if (closed || inFlight > 0 || waiting.size === 0) return;
    const batch = [...waiting.values()];
    waiting.clear();
    inFlight = batch.length;
    for (const f of batch) wire.write(f, written);
  };
  const queue = (key: string, f: Frame) => {
    if (closed) return;
    waiting.set(key, f);
    if (waiting.size > maxQueued) {
      closed = true;
      waiting.clear();
      wire.close(`more than ${maxQueued} messages waiting`);
      return;
    }
    flush();
  };
  return {
    put: (key, f) => queue(key, f),
    append: (f) => queue(`\0${appended++}`, f),
    queued: () => waiting.size + inFlight,
    close() {
      closed = true;
      waiting.clear();
    },
  };
}
