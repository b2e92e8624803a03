import { describe, expect, it } from 'vitest';
import { whereJsonFails } from '../../src/pipeline/json-error.js';

const failure = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return whereJsonFails(error, text);
  }
  throw new Error('parsed');
};

describe('where JSON.parse gave up, without the text around it', () => {
  it.each([
    '{"naam": Jan de Vries, "telefoon": "0612345678"}',
    '[{"event":"VISIT_CALL","staffUserName": Jan de Vries}]',
    '{"abcdefghijklmnopqrstuvwxyz": X}',
    '{"comment":"Piet\u0001"}',
  ])('%s', (text) => {
    const bad = [...text].findIndex((c, i) => c === 'J' || c === 'X' || (c === '\u0001' && i > 0));
    expect(failure(text)).toBe(` (at character ${bad})`);
  });

  it('of a text that ends early, or is too short to be quoted in part', () => {
    expect(failure('[{"a":')).toBe(' (it ends too early)');
    expect(failure('{"a": X}')).toBe('');
  });
});
