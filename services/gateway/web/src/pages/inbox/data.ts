import {
  type Acknowledgement,
  type AlertMessage,
  alertListResponse,
  type SilenceWithStatus,
  silenceListResponse,
} from '@stuurwiel/schemas';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type Api, ApiError, createApi } from '../../app/api.js';
import { type LivePicture, useLive } from '../../app/live.js';
import { inboxAlerts, type OpenAlert } from './order.js';

export type ListState =
  | { state: 'loading' }
  | { state: 'ready'; alerts: AlertMessage[] }
  | { state: 'failed'; reason: string };

export interface InboxData {
  api: Api;
  live: LivePicture;
  list: ListState;
  alerts: OpenAlert[];
  /** The silences in force by id, for what the rows say about theirs. */
  silences: ReadonlyMap<string, SilenceWithStatus>;
  /** Acknowledgements made here that alerting has not published back yet, by fingerprint. */
  localAcks: ReadonlyMap<string, Acknowledgement>;
  acknowledged(ack: Acknowledgement): void;
  silenceSet(silence: SilenceWithStatus): void;
}

export const reasonOf = (error: unknown): string =>
  error instanceof ApiError ? error.reason : error instanceof Error ? error.message : String(error);

/**
 * The inbox's data: the open alerts of the caller's teams (GET /api/v1/alerts until the live
 * picture has arrived, then live), the silences their rows name, and what was done here.
 */
export function useInboxData(token: string): InboxData {
  const api = useMemo(() => createApi(token), [token]);
  const live = useLive(token);
  const [list, setList] = useState<ListState>({ state: 'loading' });
  const [silences, setSilences] = useState<ReadonlyMap<string, SilenceWithStatus>>(new Map());
  const [localAcks, setLocalAcks] = useState<ReadonlyMap<string, Acknowledgement>>(new Map());

  useEffect(() => {
    let current = true;
    Promise.all(
      (['firing', 'pending'] as const).map((state) =>
        api.get('/alerts', alertListResponse, { state, limit: 1000 }),
      ),
    ).then(
      (answers) => current && setList({ state: 'ready', alerts: answers.flatMap((a) => a.alerts) }),
      (error: unknown) => current && setList({ state: 'failed', reason: reasonOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api]);

  // While a reconnect brings the picture again, the last whole picture stands (not the first list).
  const lastComplete = useRef<ReadonlyMap<string, AlertMessage> | null>(null);
  if (live.complete) lastComplete.current = live.alerts;
  const baseline = lastComplete.current
    ? [...lastComplete.current.values()]
    : list.state === 'ready'
      ? list.alerts
      : [];
  const alerts = inboxAlerts(baseline, live.alerts, live.complete);

  // The rows name their silences: fetch the list again whenever they name one not asked about yet.
  const silenceIds = [...new Set(alerts.flatMap((a) => a.silenced_by))].sort().join(',');
  const askedFor = useRef(new Set<string>());
  useEffect(() => {
    const unknown = silenceIds.split(',').filter((id) => id !== '' && !askedFor.current.has(id));
    if (unknown.length === 0) return;
    for (const id of unknown) askedFor.current.add(id);
    api.get('/silences', silenceListResponse).then(
      ({ silences: all }) =>
        setSilences((known) => new Map([...known, ...all.map((s) => [s.silence_id, s] as const)])),
      // Without the list a row still says it is silenced, only not until when.
      () => undefined,
    );
  }, [api, silenceIds]);

  return {
    api,
    live,
    list,
    alerts,
    silences,
    localAcks,
    acknowledged: (ack) => setLocalAcks((m) => new Map(m).set(ack.fingerprint, ack)),
    silenceSet: (silence) => setSilences((m) => new Map(m).set(silence.silence_id, silence)),
  };
}
