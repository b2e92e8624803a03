import { useFormat, useMessages } from './i18n.js';
import type { LivePicture } from './live.js';
import { commonMessages } from './messages.js';

/** Says plainly, over the whole width, that the figures are not current while the gateway is away. */
export function ConnectionNotice({
  picture,
}: {
  picture: Pick<LivePicture, 'state' | 'lostAt' | 'refusal'>;
}) {
  const t = useMessages(commonMessages);
  const format = useFormat();
  if (picture.state === 'live') return null;
  const text =
    picture.state === 'refused'
      ? t('refused', { reason: picture.refusal ?? '' })
      : picture.state === 'offline'
        ? t('offline', { time: format.time(picture.lostAt ?? new Date()) })
        : t('connecting');
  return (
    <div
      className={`utrecht-alert stuurwiel-connection stuurwiel-connection--${picture.state}`}
      role={picture.state === 'connecting' ? 'status' : 'alert'}
      data-testid="connection-notice"
      data-state={picture.state}
    >
      <span aria-hidden="true" className="stuurwiel-connection-icon">
        {picture.state === 'connecting' ? '⏳' : '⚠'}
      </span>
      <p className="utrecht-paragraph">{text}</p>
    </div>
  );
}
