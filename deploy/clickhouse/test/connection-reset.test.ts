import { describe, expect, it } from 'vitest';
import { isConnectionReset } from '../src/client.js';

describe('a statement whose socket was closed under it', () => {
  it('is told apart from a statement ClickHouse refused, so that only the first is sent again', () => {
    expect(isConnectionReset(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionReset(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(true);
    expect(isConnectionReset(new Error('socket hang up'))).toBe(true);
    expect(isConnectionReset(Object.assign(new Error('Unknown table'), { code: '60' }))).toBe(false);
    expect(isConnectionReset(new Error('Timeout error.'))).toBe(false);
    expect(isConnectionReset(undefined)).toBe(false);
  });
});
