import './inbox.css';
import { alertKey } from '@stuurwiel/schemas';
import { useCallback, useState } from 'react';
import { ConnectionNotice } from '../../app/connection-notice.js';
import { useMessages } from '../../app/i18n.js';
import { Page } from '../../app/layout.js';
import { commonMessages } from '../../app/messages.js';
import { WithToken } from '../../app/sign-in.js';
import { AlertRow } from './AlertRow.js';
import { type InboxData, useInboxData } from './data.js';
import { inboxMessages } from './messages.js';

/**
 * The team lead's inbox (/inbox): the firing and pending alerts of their teams, most urgent
 * first, live; acknowledge, silence for a period, mute outside opening hours; the items behind a
 * deadline alert.
 */
export function Inbox() {
  const t = useMessages(inboxMessages);
  return (
    <WithToken title={t('title')}>
      {(token, signOut) => <InboxPage token={token} signOut={signOut} />}
    </WithToken>
  );
}

function InboxPage({ token, signOut }: { token: string; signOut: () => void }) {
  const t = useMessages(inboxMessages);
  const common = useMessages(commonMessages);
  const data = useInboxData(token);
  // Numbered, so that the same confirmation twice is still a change the status region announces.
  const [announcement, setAnnouncement] = useState<{ n: number; text: string } | null>(null);
  const announce = useCallback((text: string) => setAnnouncement((a) => ({ n: (a?.n ?? 0) + 1, text })), []);
  return (
    <Page
      title={t('title')}
      actions={
        <button type="button" className="utrecht-button utrecht-button--subtle" onClick={signOut}>
          {common('signOut')}
        </button>
      }
    >
      <ConnectionNotice picture={data.live} />
      <p className="utrecht-paragraph">{t('intro')}</p>
      <div role="status" className="inbox-confirmation" data-testid="confirmation">
        {announcement ? (
          <p key={announcement.n} className="utrecht-alert utrecht-alert--ok">
            <span aria-hidden="true">✓ </span>
            {announcement.text}
          </p>
        ) : null}
      </div>
      <AlertList data={data} announce={announce} />
    </Page>
  );
}

function AlertList({ data, announce }: { data: InboxData; announce: (text: string) => void }) {
  const t = useMessages(inboxMessages);
  const { alerts, list, live } = data;
  if (alerts.length === 0) {
    if (!live.complete && list.state === 'failed')
      return (
        <p className="utrecht-alert utrecht-alert--error" role="alert">
          {t('loadFailed', { reason: list.reason })}
        </p>
      );
    if (!live.complete && list.state === 'loading')
      return <p className="utrecht-paragraph">{t('loading')}</p>;
    return (
      <p className="utrecht-paragraph" data-testid="inbox-empty">
        {t('empty')}
      </p>
    );
  }
  const firing = alerts.filter((a) => a.state === 'firing').length;
  return (
    <>
      <p className="utrecht-paragraph inbox-counts" data-testid="inbox-counts">
        {t('counts', { firing, pending: alerts.length - firing })}
      </p>
      <ol className="inbox-list" aria-label={t('listLabel')}>
        {alerts.map((alert) => (
          <li key={alertKey(alert)}>
            <AlertRow
              alert={alert}
              actions={{
                api: data.api,
                localAck: data.localAcks.get(alert.fingerprint),
                silences: data.silences,
                acknowledged: data.acknowledged,
                silenceSet: data.silenceSet,
                announce,
              }}
            />
          </li>
        ))}
      </ol>
    </>
  );
}
