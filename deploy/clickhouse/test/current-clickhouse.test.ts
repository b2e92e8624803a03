import { existsSync } from 'node:fs';
import { openChdb } from '@stuurwiel/infra/chdb';
import { describe, expect, it } from 'vitest';
import { describeServer } from './server-behaviour.js';

describeServer(
  'a current one in process (chdb)',
  () => openChdb('behaviour'),
  (db) => db.close(),
);

describe('a current ClickHouse in process (chdb)', () => {
  it('speaks the current dialect and leaves nothing behind once disposed', async () => {
    let path: string;
    {
      await using db = await openChdb('disposed');
      path = db.path;
      expect(db.dialect.name).toBe('current');
      expect(db.open).toBe(true);
      expect(existsSync(path)).toBe(true);
    }
    expect(existsSync(path)).toBe(false);
  });
});
