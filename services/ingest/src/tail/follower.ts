import { createHash } from 'node:crypto';
import { type FileHandle, open, stat } from 'node:fs/promises';
import type { FilePosition } from './state.js';

const NEWLINE = 0x0a;
/** How far back the check of the saved last line reads; longer lines are taken on trust. */
const VERIFY_WINDOW = 64 * 1024;

interface FileIdentity {
  device: string;
  inode: string;
}

/** A run of complete lines read from the followed file, not yet accepted by the server. */
export interface Batch {
  /** The lines as bytes, each with its line feed, exactly as in the file. */
  body: Buffer;
  lines: number;
  /** The file the lines were read from (the queue_log, or its rotated predecessor). */
  path: string;
  startOffset: number;
  /** The position once the server has accepted this batch. */
  next: FilePosition;
}

export interface FollowerOptions {
  /** The queue_log to follow. */
  path: string;
  /** Where rotation moves the old file; finished first after a restart. Default `${path}.1`. */
  rotatedPath?: string;
  /** The position saved by an earlier run. */
  start?: FilePosition;
  /** Most lines in one batch. */
  maxLines: number;
  /** Most bytes in one batch (a single longer line is still sent whole). */
  maxBytes: number;
  log?: (message: string) => void;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function identityAt(path: string): Promise<FileIdentity | undefined> {
  try {
    const s = await stat(path, { bigint: true });
    return { device: String(s.dev), inode: String(s.ino) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const sameFile = (a: FileIdentity, b: FileIdentity) => a.device === b.device && a.inode === b.inode;

/**
 * Follows a queue_log the way `tail -F` does, but in batches and with a position that only moves
 * when the caller says the batch was delivered (`commit`). It never returns a partial last line.
 *
 * - Truncation (the file at our inode is shorter than our offset): read it again from the start.
 * - Rotation (another inode at the path): the open handle still reads the old file, so its last
 *   lines are finished first; once it has had nothing new for two polls in a row (its writer may
 *   append until it reopens the log), the new file is read from its start.
 * - Restart: the saved position is resumed if the file at the path is the same inode and the line
 *   before the offset still has the saved hash; if the path holds a new file, the rotated file
 *   (`rotatedPath`) is finished first when it is the saved inode; otherwise the new file is read
 *   from the start.
 *
 * It does no waiting itself: `read()` returns undefined when there is nothing to send, and the
 * caller decides how long to sleep.
 */
export class QueueLogFollower {
  private handle: FileHandle | undefined;
  private current: { path: string; identity: FileIdentity } | undefined;
  private offset = 0;
  private lastLineSha256: string | null = null;
  private size = 0;
  private rotationPolls = 0;
  private readonly log: (message: string) => void;

  constructor(private readonly options: FollowerOptions) {
    this.log = options.log ?? (() => {});
  }

  get rotatedPath(): string {
    return this.options.rotatedPath ?? `${this.options.path}.1`;
  }

  /** Opens the file to follow and finds where to begin. */
  async start(): Promise<void> {
    const saved = this.options.start;
    if (!saved) {
      await this.openFromStart(this.options.path);
      return;
    }
    const atPath = await identityAt(this.options.path);
    if (atPath && sameFile(atPath, saved)) {
      await this.resume(this.options.path, saved);
      return;
    }
    const atRotated = await identityAt(this.rotatedPath);
    if (atRotated && sameFile(atRotated, saved)) {
      this.log(
        `${this.options.path} was rotated while stopped; finishing ${this.rotatedPath} from byte ${saved.offset} first`,
      );
      await this.resume(this.rotatedPath, saved);
      return;
    }
    this.log(
      `${this.options.path} is no longer the file of the saved position (inode ${saved.inode}), and ` +
        `${this.rotatedPath} is not it either; reading ${this.options.path} from the start`,
    );
    await this.openFromStart(this.options.path);
  }

  /** Where we stand: the position after the last committed batch. */
  position(): FilePosition | undefined {
    if (!this.current) return undefined;
    return {
      ...this.current.identity,
      offset: this.offset,
      size: this.size,
      lastLineSha256: this.lastLineSha256,
    };
  }

  /** The next complete lines after the committed position (the same ones again until committed). */
  async read(maxLines = this.options.maxLines): Promise<Batch | undefined> {
    if (!this.handle && !(await this.openFromStart(this.options.path))) return undefined;
    const handle = this.handle!;
    const current = this.current!;
    const size = Number((await handle.stat({ bigint: true })).size);
    if (size < this.offset) {
      this.log(
        `${current.path} was truncated (${size} bytes, we were at ${this.offset}); reading it from the start`,
      );
      this.offset = 0;
      this.lastLineSha256 = null;
    }
    this.size = size;
    const batch = await this.readLines(handle, current, size, maxLines);
    if (batch) {
      this.rotationPolls = 0;
      return batch;
    }
    const atPath = await identityAt(this.options.path);
    if (!atPath || sameFile(atPath, current.identity)) {
      this.rotationPolls = 0;
      return undefined;
    }
    this.rotationPolls += 1;
    if (this.rotationPolls < 2) return undefined;
    if (size > this.offset) {
      this.log(
        `${current.path} was rotated with an unfinished last line (${size - this.offset} bytes without a line feed); it is not sent`,
      );
    }
    this.log(`${this.options.path} was rotated; reading the new file from the start`);
    await this.close();
    if (!(await this.openFromStart(this.options.path))) return undefined;
    return this.read(maxLines);
  }

  /** Moves the position past a batch the server accepted; returns the position to save. */
  commit(batch: Batch): FilePosition {
    const current = this.current;
    if (!current || !sameFile(current.identity, batch.next) || batch.startOffset !== this.offset) {
      throw new Error('commit of a batch that is not the next one of the followed file');
    }
    this.offset = batch.next.offset;
    this.lastLineSha256 = batch.next.lastLineSha256;
    return this.position()!;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.current = undefined;
    this.rotationPolls = 0;
    await handle?.close();
  }

  private async openAt(path: string): Promise<FileHandle | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    // The identity of what was opened, not of what the path names a moment later.
    const s = await handle.stat({ bigint: true });
    this.handle = handle;
    this.current = { path, identity: { device: String(s.dev), inode: String(s.ino) } };
    this.size = Number(s.size);
    return handle;
  }

  private async openFromStart(path: string): Promise<boolean> {
    if (!(await this.openAt(path))) return false;
    this.offset = 0;
    this.lastLineSha256 = null;
    return true;
  }

  private async resume(path: string, saved: FilePosition): Promise<void> {
    const handle = await this.openAt(path);
    if (!handle) {
      await this.openFromStart(this.options.path);
      return;
    }
    if (this.size < saved.offset) {
      this.log(
        `${path} is shorter than the saved position (truncated while stopped); reading it from the start`,
      );
    } else if (!(await this.lastLineMatches(handle, saved))) {
      this.log(
        `${path} no longer holds the last line sent before byte ${saved.offset} (rewritten); reading it from the start`,
      );
    } else {
      this.offset = saved.offset;
      this.lastLineSha256 = saved.lastLineSha256;
      return;
    }
    this.offset = 0;
    this.lastLineSha256 = null;
  }

  private async lastLineMatches(handle: FileHandle, saved: FilePosition): Promise<boolean> {
    if (saved.offset === 0 || saved.lastLineSha256 === null) return true;
    const from = Math.max(0, saved.offset - VERIFY_WINDOW);
    const buffer = Buffer.alloc(saved.offset - from);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
    if (bytesRead !== buffer.length || buffer[buffer.length - 1] !== NEWLINE) return false;
    const previous = buffer.length >= 2 ? buffer.lastIndexOf(NEWLINE, buffer.length - 2) : -1;
    if (previous < 0 && from > 0) return true;
    return sha256(buffer.subarray(previous + 1, buffer.length - 1)) === saved.lastLineSha256;
  }

  private async readLines(
    handle: FileHandle,
    current: { path: string; identity: FileIdentity },
    size: number,
    maxLines: number,
  ): Promise<Batch | undefined> {
    const chunks: Buffer[] = [];
    let read = 0;
    // Read up to maxBytes; if that holds no line feed at all (one very long line), read on to its end.
    while (this.offset + read < size) {
      const want = Math.min(size - this.offset - read, this.options.maxBytes);
      const chunk = Buffer.alloc(want);
      const { bytesRead } = await handle.read(chunk, 0, want, this.offset + read);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      read += bytesRead;
      if (chunk.subarray(0, bytesRead).includes(NEWLINE)) break;
    }
    const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    let end = 0;
    let lines = 0;
    let lineStart = 0;
    while (lines < maxLines) {
      const feed = data.indexOf(NEWLINE, end);
      if (feed < 0) break;
      lineStart = end;
      end = feed + 1;
      lines += 1;
    }
    if (lines === 0) return undefined;
    return {
      body: Buffer.from(data.subarray(0, end)),
      lines,
      path: current.path,
      startOffset: this.offset,
      next: {
        ...current.identity,
        offset: this.offset + end,
        size,
        lastLineSha256: sha256(data.subarray(lineStart, end - 1)),
      },
    };
  }
}
