import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Where the follower stands in the queue_log: the file (device and inode, as decimal text since
 * they may exceed 2^53), the byte offset after the last line the server accepted, the file's size
 * when that batch was read, and a hash of that last line, which tells on restart whether the file
 * at that inode is still the one we read (not truncated and rewritten past our offset meanwhile).
 */
export const filePositionSchema = z.strictObject({
  device: z.string().regex(/^\d+$/),
  inode: z.string().regex(/^\d+$/),
  offset: z.number().int().min(0),
  size: z.number().int().min(0),
  lastLineSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});
export type FilePosition = z.infer<typeof filePositionSchema>;

export const tailStateSchema = z.strictObject({
  version: z.literal(1),
  /** The followed file's absolute path: one state file belongs to one queue_log. */
  file: z.string().min(1),
  position: filePositionSchema,
  savedAt: z.string(),
});
export type TailState = z.infer<typeof tailStateSchema>;

export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** The saved state, or undefined when there is none yet. A damaged file is an error, not a fresh start. */
export async function loadState(path: string): Promise<TailState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read state file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StateFileError(`state file ${path} is not JSON; move it away to start over`);
  }
  const parsed = tailStateSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new StateFileError(
      `state file ${path} is not a tail state (${first?.path.join('.') || '(root)'}: ${first?.message}); move it away to start over`,
    );
  }
  return parsed.data;
}

/**
 * Replaces the state atomically: the new content goes to a temporary file in the same folder,
 * is flushed to disk, and is renamed over the old one, so a crash leaves the old or the new
 * state, never half of one.
 */
export async function saveState(path: string, file: string, position: FilePosition, now = new Date()) {
  const state: TailState = { version: 1, file, position, savedAt: now.toISOString() };
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  // Make the rename itself durable; not every platform lets a folder be opened, hence best effort.
  try {
    const folder = await open(dirname(path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // The rename is done; durability of the folder entry is a bonus.
  }
}
