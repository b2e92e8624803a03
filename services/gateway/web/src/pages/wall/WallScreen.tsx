import { useEffect, useMemo, useState } from 'react';
import { ConnectionNotice } from '../../app/connection-notice.js';
import { wallscreenKey } from '../../app/credentials.js';
import { useFormat, useMessages } from '../../app/i18n.js';
import { LanguageSwitch } from '../../app/layout.js';
import { useLive } from '../../app/live.js';
import { wallMessages } from './messages.js';
import { locationsOf, ROTATE_EVERY_MS, rotateFrom, shownLocation } from './rotation.js';
import { quietFor, quietSources, receiptsOf } from './sources.js';
import { Tile } from './Tile.js';
import { casesTiles, counterTiles, findSnapshot, phoneTiles, type Tile as TileModel } from './tiles.js';
import { useSources } from './use-sources.js';
import './wall.css';

/** A group of tiles under its heading, or what is missing while it has none. */
function TileSection({
  kind,
  title,
  empty,
  children,
}: {
  kind: 'counter' | 'municipality';
  title: string;
  empty: string;
  children: React.JSX.Element[];
}) {
  return (
    <section className={`wall-section wall-section--${kind}`} aria-labelledby={`wall-${kind}`}>
      <h2 className="wall-section__title" id={`wall-${kind}`}>
        {title}
      </h2>
      {children.length > 0 ? (
        <div className={`wall-grid wall-grid--${kind}`}>{children}</div>
      ) : (
        <p className="wall-message">{empty}</p>
      )}
    </section>
  );
}

function pinnedFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get('location') || null;
}

/** Keeps the pin in the address, so that a reload (or the TV's bookmark) shows the same. */
function rememberPin(location: string | null): void {
  const url = new URL(window.location.href);
  if (location === null) url.searchParams.delete('location');
  else url.searchParams.set('location', location);
  window.history.replaceState(null, '', url);
}

/**
 * The wall screen: a TV in the back office, opened by URL with a read-only key. Per location the
 * counter's figures; for a key of the whole municipality also the telephone and the cases.
 */
export function WallScreen() {
  const t = useMessages(wallMessages);
  const format = useFormat();
  const key = useMemo(wallscreenKey, []);
  const live = useLive(key);
  const snapshots = useMemo(() => [...live.snapshots.values()], [live.snapshots]);
  const sources = useSources(key, live.state);
  const quiet = quietSources(sources, receiptsOf(snapshots));

  const locations = useMemo(() => locationsOf(snapshots, live.rooms), [snapshots, live.rooms]);
  const [pinned, setPinned] = useState<string | null>(pinnedFromUrl);
  const [current, setCurrent] = useState<string | null>(null);
  const location = shownLocation(locations, pinned, current);
  // Keyed by the names, not the list: the list is new with every snapshot, which would restart
  // the rotation's timer each time and, on a busy day, never let it fire.
  const locationKey = locations.join('\n');
  useEffect(() => {
    const list = locationKey === '' ? [] : locationKey.split('\n');
    if (pinned !== null || list.length < 2) return;
    const timer = window.setInterval(() => setCurrent((c) => rotateFrom(list, c)), ROTATE_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [pinned, locationKey]);
  const pin = (id: string | null) => {
    setPinned(id);
    if (id !== null) setCurrent(id);
    rememberPin(id);
  };

  if (!key)
    return (
      <main id="main" className="wall">
        <h1 className="wall-title">{t('title')}</h1>
        <p className="wall-message">{t('noKey')}</p>
      </main>
    );

  // Phone and cases belong to the whole municipality: only a key of every location sees them.
  const municipality = live.rooms.some((room) => /^tenant:[^:]+$/.test(room));
  const counter =
    location === null ? undefined : findSnapshot(snapshots, 'counter', { kind: 'location', id: location });
  const tenantScope = { kind: 'tenant', id: null } as const;
  const counterRow = counterTiles(counter);
  const municipalityRow: TileModel[] = municipality
    ? [
        ...phoneTiles(findSnapshot(snapshots, 'phone', tenantScope)),
        ...casesTiles(findSnapshot(snapshots, 'cases', tenantScope)),
      ]
    : [];
  const stale = live.state !== 'live';
  // With one location there is nothing to rotate through or pin (unless the URL pinned another).
  const choice = locations.length > 1 || (pinned !== null && pinned !== locations[0]);
  const tile = (model: TileModel) => (
    <Tile key={model.id} tile={model} quiet={quietFor(model.domain, quiet)} stale={stale} />
  );

  return (
    <div className={`wall${stale ? ' wall--stale' : ''}`} data-location={location ?? ''}>
      <header className="wall-header">
        <span className="wall-brand">stuurwiel</span>
        <h1 className="wall-title">
          {location === null ? t('noLocation') : t('location', { id: location })}
        </h1>
        {counter ? (
          <span className="wall-as-of">{t('asOf', { time: format.time(counter.as_of) })}</span>
        ) : null}
        <nav className="wall-controls" aria-label={t('controls')}>
          {choice ? (
            <>
              <p className="wall-mode" data-testid="wall-mode">
                {pinned === null ? t('rotating', { seconds: ROTATE_EVERY_MS / 1000 }) : t('pinned')}
              </p>
              {locations.map((id) => (
                <button
                  key={id}
                  type="button"
                  className="utrecht-button utrecht-button--subtle wall-button"
                  aria-pressed={pinned === id}
                  title={t('pin', { id })}
                  onClick={() => pin(pinned === id ? null : id)}
                >
                  {id}
                </button>
              ))}
              <button
                type="button"
                className="utrecht-button utrecht-button--subtle wall-button"
                aria-pressed={pinned === null}
                onClick={() => pin(null)}
              >
                {t('rotate')}
              </button>
            </>
          ) : null}
          <LanguageSwitch />
        </nav>
      </header>
      <ConnectionNotice picture={live} />
      <main id="main" className={`wall-main${municipality ? ' wall-main--two' : ''}`}>
        <TileSection kind="counter" title={t('section_counter')} empty={t('counterNoData')}>
          {counterRow.map(tile)}
        </TileSection>
        {municipality ? (
          <TileSection kind="municipality" title={t('section_municipality')} empty={t('municipalityNoData')}>
            {municipalityRow.map(tile)}
          </TileSection>
        ) : null}
      </main>
    </div>
  );
}
