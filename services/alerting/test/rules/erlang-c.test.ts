import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangC, erlangServiceLevel } from '../../src/rules/erlang-c.js';

describe('Erlang C', () => {
  it('gives the probability of waiting: ρ for one agent, 1/3 for two agents at one erlang', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('says every call waits when the load reaches the agents', () => {
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangServiceLevel(3, 1 / 60, 180, 30)).toBe(0);
  });

  it('gives the share answered within t: 1 − C(N, a)·e^(−(N − a)·t / h)', () => {
    // 2 agents, 1 call a minute, 60 s handling: a = 1, C = 1/3; within 60 s: 1 − e^(−1)/3.
    expect(erlangServiceLevel(2, 1 / 60, 60, 60)).toBeCloseTo(1 - Math.exp(-1) / 3, 12);
    expect(erlangServiceLevel(5, 0, 60, 30)).toBe(1);
  });

  it('finds the fewest agents that reach a target', () => {
    // 2 calls a minute of 3 minutes each: 6 erlang.
    const n = agentsNeeded(0.8, 2 / 60, 180, 30);
    expect(n).not.toBeNull();
    expect(erlangServiceLevel(n ?? 0, 2 / 60, 180, 30)).toBeGreaterThanOrEqual(0.8);
    expect(erlangServiceLevel((n ?? 0) - 1, 2 / 60, 180, 30)).toBeLessThan(0.8);
  });
});
