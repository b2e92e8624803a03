import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimDataFolder } from '../src/data-folder.js';

const folder = () => join(mkdtempSync(join(tmpdir(), 'data-folder-')), 'data');

describe("npm start's data folder", () => {
  it('keeps what is in it, and empties it with reset', () => {
    const dir = folder();
    mkdirSync(`${dir}/kafka/kafka-data`, { recursive: true });
    writeFileSync(`${dir}/kafka/kafka-data/meta.properties`, 'cluster.id=x\n');
    claimDataFolder(dir, { reset: false })();
    expect(existsSync(`${dir}/kafka/kafka-data/meta.properties`)).toBe(true);
    const release = claimDataFolder(dir, { reset: true });
    expect(readdirSync(dir)).toEqual(['start.pid']);
    release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is refused, untouched, while another running process holds it', async () => {
    const dir = folder();
    mkdirSync(`${dir}/clickhouse`, { recursive: true });
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(`${dir}/start.pid`, `${other.pid}\n`);
      expect(() => claimDataFolder(dir, { reset: true })).toThrow(
        `${dir} is in use by npm start (process ${other.pid}); stop that one first`,
      );
      expect(existsSync(`${dir}/clickhouse`)).toBe(true);
    } finally {
      other.kill();
    }
  });

  it('is taken over from a process that is gone', async () => {
    const dir = folder();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/start.pid`, `${gone.pid}\n`);
    const release = claimDataFolder(dir, { reset: false });
    expect(readFileSync(`${dir}/start.pid`, 'utf8').trim()).toBe(String(process.pid));
    release();
  });
});
