import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../app/api.js';
import { useLang, useMessages } from '../../app/i18n.js';
import { kpiLabel } from './format.js';
import { kpiNames } from './kpi-names.js';
import { type ManagerState, parseState, stateSearch } from './state.js';

/** The view's state from the URL; `go` pushes a new one (Back returns), links keep real hrefs. */
export function useManagerState() {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const onPop = () => setSearch(window.location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const state = parseState(search);
  const href = useCallback(
    (next: ManagerState) =>
      `${window.location.pathname}${stateSearch(next, new URLSearchParams(window.location.search).get('lang'))}`,
    [],
  );
  const go = useCallback(
    (next: ManagerState) => {
      const url = href(next);
      window.history.pushState(null, '', url + window.location.hash);
      setSearch(window.location.search);
      window.scrollTo(0, 0);
      // The new view's heading takes the focus, so a screen reader says where the link led.
      requestAnimationFrame(() => document.getElementById('level-heading')?.focus());
    },
    [href],
  );
  return { state, href, go };
}

export type Remote<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; reason: string };

/** An API answer for the current key; loaded again whenever the key changes. */
export function useRemote<T>(key: string, load: () => Promise<T>): [Remote<T>, () => void] {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const shownKey = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key names everything load reads
  useEffect(() => {
    let current = true;
    // Loading again for the same key keeps what is shown (and the forms open on it) until the answer.
    if (shownKey.current !== key) setState({ status: 'loading' });
    shownKey.current = key;
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) =>
        current &&
        setState({
          status: 'failed',
          reason: error instanceof ApiError || error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  return [state, () => setRound((r) => r + 1)];
}

/** The name of a KPI in the current language. */
export function useKpiName() {
  useLang();
  const t = useMessages(kpiNames);
  return (name: string) => (name in kpiNames.nl ? t(name as keyof typeof kpiNames.nl) : kpiLabel(name));
}
