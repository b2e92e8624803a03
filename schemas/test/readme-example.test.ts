import { readFileSync } from 'node:fs';
import { deriveEventId, validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README example', () => {
  const block = /```json\n([\s\S]*?)```/.exec(readme)?.[1];

  it('is a valid event whose id follows the documented derivation', () => {
    expect(block).toBeDefined();
    const result = validateEvent(JSON.parse(block!));
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.event.event_id).toBe(
      deriveEventId('GM0363', 'qmatic', 'visit', 'V-81234', 'arrived'),
    );
  });
});
