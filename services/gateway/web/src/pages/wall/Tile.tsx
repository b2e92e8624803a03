import { useFormat, useLang, useMessages } from '../../app/i18n.js';
import { durationText, shownValue } from './format.js';
import { type Look, StatusIcon } from './icons.js';
import { wallMessages } from './messages.js';
import type { QuietSource } from './sources.js';
import type { Tile as TileModel } from './tiles.js';

/** The raw value for tests and assistive tools: what the API says, before formatting. */
function rawValue(tile: TileModel): string {
  const v = tile.value;
  if (v.kind === 'pair') return `${v.value}/${v.second}`;
  return v.value === null ? '' : String(v.value);
}

/**
 * One figure, coloured against its norm and saying the same with an icon and a word. When a
 * source feeding it is quiet, it says so instead of showing the last number as if current;
 * `stale` (the gateway is away) keeps the number but says it is not current.
 */
export function Tile({
  tile,
  quiet,
  stale,
}: {
  tile: TileModel;
  quiet: readonly QuietSource[];
  stale: boolean;
}) {
  const t = useMessages(wallMessages);
  const { lang } = useLang();
  const format = useFormat();
  const shown = shownValue(tile.value, lang);
  const look: Look = quiet.length > 0 ? 'quiet' : stale ? 'stale' : shown === null ? 'none' : tile.status;
  const word = t(
    look === 'bad' ? (tile.badMeans === 'over' ? 'status_bad_over' : 'status_bad_under') : `status_${look}`,
  );
  const seconds = Object.fromEntries(
    Object.entries(tile.detail.seconds ?? {}).map(([name, s]) => [name, durationText(s, lang)]),
  );
  const counts = Object.fromEntries(
    Object.entries(tile.detail.counts ?? {}).map(([name, n]) => [
      name,
      name === 'target' ? format.percent(n) : format.number(n),
    ]),
  );
  const labelId = `tile-${tile.id}-label`;
  return (
    <section
      className={`wall-tile wall-tile--${look}`}
      aria-labelledby={labelId}
      data-testid={`tile-${tile.id}`}
      data-status={look}
      data-value={quiet.length > 0 ? '' : rawValue(tile)}
    >
      <h3 className="wall-tile__label" id={labelId}>
        {t(`tile_${tile.id}`)}
      </h3>
      {quiet.length > 0 ? (
        <div className="wall-tile__notice" data-testid="source-notice">
          {quiet.map((q) => (
            <p key={q.id}>
              {t('quietNotice', { source: t(`source_${q.system}`), time: format.time(q.since) })}
            </p>
          ))}
        </div>
      ) : (
        <>
          {tile.value.kind === 'pair' ? (
            // Two numbers side by side, each with its caption: "12 / 10" would not fit a tile.
            <p className="wall-tile__value wall-tile__pair">
              <span>
                <span className="wall-tile__number">{format.number(tile.value.value)}</span>
                <span className="wall-tile__caption">{t('walkIn')}</span>
              </span>
              <span>
                <span className="wall-tile__number">{format.number(tile.value.second)}</span>
                <span className="wall-tile__caption">{t('appointment')}</span>
              </span>
            </p>
          ) : (
            <p className="wall-tile__value">
              <span className="wall-tile__number">{shown?.value ?? '–'}</span>
              {shown?.unit ? <span className="wall-tile__unit"> {shown.unit}</span> : null}
            </p>
          )}
          <p className="wall-tile__detail">{t(tile.detail.key, { ...seconds, ...counts })}</p>
        </>
      )}
      <p className="wall-tile__status">
        <StatusIcon look={look} />
        <span>{word}</span>
      </p>
    </section>
  );
}
