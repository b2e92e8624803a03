import { type SourcesResponse, sourcesResponse } from '@stuurwiel/schemas';
import { useEffect, useState } from 'react';
import { createApi } from '../../app/api.js';

/** How often the screen asks how fresh the sources are (quiet seconds grow without any push). */
export const SOURCES_POLL_MS = 15_000;

/**
 * The gateway's freshness of the sources (GET /sources), asked every SOURCES_POLL_MS and at once
 * whenever `trigger` changes (a reconnect). While the gateway cannot be reached the last answer
 * stays: the connection notice says the rest.
 */
export function useSources(credential: string | null, trigger: string): SourcesResponse | null {
  const [answer, setAnswer] = useState<SourcesResponse | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `trigger` is the reason to ask again, not an input.
  useEffect(() => {
    if (!credential) return;
    const api = createApi(credential);
    let stopped = false;
    const ask = () =>
      api.get('/sources', sourcesResponse).then(
        (fresh) => {
          if (!stopped) setAnswer(fresh);
        },
        (error: unknown) => console.warn('stuurwiel: sources not read', error),
      );
    void ask();
    const timer = window.setInterval(ask, SOURCES_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [credential, trigger]);
  return answer;
}
