import type { KpiScope, KpiScopeKind } from '@stuurwiel/schemas';

type Lists = Record<string, readonly unknown[]>;

/** For one list of the input: the ids (of the given scope kind) an item counts for. */
export type ScopeIdsOf<I extends Lists> = {
  [K in keyof I]: (item: I[K][number], kind: KpiScopeKind) => readonly (string | null | undefined)[];
};

export interface ScopedInput<I extends Lists> {
  scope: KpiScope;
  input: I;
}

/**
 * Splits a domain's input into one input per scope that holds any item; the tenant scope is
 * always there (a tenant with nothing going on still has a picture: all zeros). Order: tenant,
 * then the kinds in `kinds` order, ids ascending, so output is deterministic.
 */
export function splitByScope<I extends Lists>(
  input: I,
  kinds: readonly KpiScopeKind[],
  idsOf: ScopeIdsOf<I>,
): ScopedInput<I>[] {
  const names = Object.keys(input) as (keyof I)[];
  const empty = (): I => Object.fromEntries(names.map((name) => [name, []])) as unknown as I;
  const tenant: ScopedInput<I> = { scope: { kind: 'tenant', id: null }, input: input };
  const byKind = new Map<KpiScopeKind, Map<string, ScopedInput<I>>>();

  for (const kind of kinds) {
    if (kind === 'tenant') continue;
    const scopes = new Map<string, ScopedInput<I>>();
    byKind.set(kind, scopes);
    for (const name of names) {
      for (const item of input[name] as readonly unknown[]) {
        // A desk serving several queues counts once per queue, but twice in one queue it must not.
        const ids = new Set(idsOf[name](item, kind));
        for (const id of ids) {
          if (id == null || id === '') continue;
          let scoped = scopes.get(id);
          if (!scoped) {
            scoped = { scope: { kind, id }, input: empty() };
            scopes.set(id, scoped);
          }
          (scoped.input[name] as unknown[]).push(item);
        }
      }
    }
  }

  const out: ScopedInput<I>[] = [tenant];
  for (const kind of kinds) {
    const scopes = byKind.get(kind);
    if (!scopes) continue;
    out.push(...[...scopes.values()].sort((a, b) => ((a.scope.id ?? '') < (b.scope.id ?? '') ? -1 : 1)));
  }
  return out;
}
