/**
 * Erlang C (domain.md "Warning before the breach"): with N agents, offered load a = λ·h erlang,
 * the probability that a call waits is C(N, a), and the share answered within t seconds is
 * SL = 1 − C(N, a)·e^(−(N − a)·t / h). Only meaningful when N > a; otherwise the queue grows
 * without bound and nobody is answered in time (SL 0, C 1).
 */

/** C(N, a), computed through the Erlang B recursion, which stays stable for large N. */
export function erlangC(agents: number, load: number): number {
  if (agents <= load) return 1;
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (load * b) / (k + load * b);
  return b / (1 - (load / agents) * (1 - b));
}

/**
 * Share answered within `withinSeconds`, for `agents` agents, `arrivalsPerSecond` and a mean
 * handling time `handlingSeconds`.
 */
export function erlangServiceLevel(
  agents: number,
  arrivalsPerSecond: number,
  handlingSeconds: number,
  withinSeconds: number,
): number {
  const load = arrivalsPerSecond * handlingSeconds;
  if (load === 0) return 1;
  if (agents <= load) return 0;
  return 1 - erlangC(agents, load) * Math.exp((-(agents - load) * withinSeconds) / handlingSeconds);
}

/** The fewest agents that reach `target` (a share), or null beyond `maxAgents`. */
export function agentsNeeded(
  target: number,
  arrivalsPerSecond: number,
  handlingSeconds: number,
  withinSeconds: number,
  maxAgents = 1000,
): number | null {
  for (let n = Math.max(1, Math.floor(arrivalsPerSecond * handlingSeconds)); n <= maxAgents; n++) {
    if (erlangServiceLevel(n, arrivalsPerSecond, handlingSeconds, withinSeconds) >= target) return n;
  }
  return null;
}
