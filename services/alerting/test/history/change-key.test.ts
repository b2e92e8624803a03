import { describe, expect, it } from 'vitest';
import { changeKey } from '../../src/history/index.js';
import { deadlineAlert } from '../receivers/fixtures.js';

describe('changeKey', () => {
  it('is the same for a change recorded again with a later updated_at', () => {
    const alert = deadlineAlert();
    expect(changeKey({ ...alert, updated_at: '2026-05-04T08:00:00.000Z' })).toBe(changeKey(alert));
  });

  it('does not depend on the order of keys', () => {
    const alert = deadlineAlert();
    const reordered = { ...alert, labels: Object.fromEntries(Object.entries(alert.labels).reverse()) };
    expect(changeKey(reordered)).toBe(changeKey(alert));
  });

  it('differs when the state, an acknowledgement or an item changes', () => {
    const alert = deadlineAlert();
    const keys = [
      alert,
      { ...alert, state: 'resolved' as const },
      { ...alert, escalated_at: '2026-05-04T09:00:00.000Z' },
      { ...alert, items: alert.items.slice(1) },
    ].map(changeKey);
    expect(new Set(keys).size).toBe(4);
  });
});
