import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailKind, emailReceiver, messageId, SMTP_URL_ENV } from '../../src/receivers/index.js';
import { deadlineAlert, notification } from './fixtures.js';

interface Delivered {
  from: string | undefined;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port, keeping every message it accepts (plain SMTP, no STARTTLS). */
function smtpServer() {
  const delivered: Delivered[] = [];
  let refuse: string | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse && address.address === refuse) callback(new Error('mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const env = session.envelope;
        delivered.push({
          from: env.mailFrom ? env.mailFrom.address : undefined,
          to: env.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  return {
    delivered,
    server,
    refuseRecipient(address: string | null) {
      refuse = address;
    },
    url: () => `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
  };
}

/** A header of the raw message, unfolded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
}

/** The decoded body of the message's part with this content type (nodemailer writes quoted-printable). */
function part(raw: string, contentType: string): string {
  const start = raw.search(new RegExp(`Content-Type: ${contentType}`, 'i'));
  if (start < 0) throw new Error(`no ${contentType} part`);
  const bodyStart = raw.indexOf('\r\n\r\n', start) + 4;
  const body = raw.slice(bodyStart, raw.indexOf('\r\n--', bodyStart));
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

const never = new AbortController().signal;

describe('e-mail receiver', () => {
  const smtp = smtpServer();
  beforeAll(() => new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => smtp.server.close(() => resolve())));
  const receiver = () =>
    emailReceiver({
      name: 'kcc-leads',
      smtpUrl: smtp.url(),
      to: ['teamleads@gm0363.example.nl', 'kcc@gm0363.example.nl'],
      from: 'stuurwiel@gm0363.example.nl',
    });

  it('delivers one message to every address, with a Message-ID from the notification id', async () => {
    const n = notification();
    await receiver().send(n, never);
    const mail = smtp.delivered.at(-1)!;
    expect(mail.from).toBe('stuurwiel@gm0363.example.nl');
    expect(mail.to).toEqual(['teamleads@gm0363.example.nl', 'kcc@gm0363.example.nl']);
    expect(header(mail.raw, 'Message-ID')).toBe(`<${n.notification_id}@gm0363.example.nl>`);
    expect(header(mail.raw, 'Subject')).toBe(
      '[Stuurwiel GM0363] Waarschuwing: 2 zaken vergunning van team kcc dreigen te verlopen (team kcc)',
    );
  });

  it('lists a deadline alert’s items in Dutch, the earliest deadline first, in text and HTML', async () => {
    await receiver().send(notification(), never);
    const mail = smtp.delivered.at(-1)!;
    const text = part(mail.raw, 'text/plain');
    expect(text).toContain('Waarschuwing voor GM0363: 1 actief, 0 opgelost.');
    expect(text).toContain('Status: actief, waarschuwing');
    const first = text.indexOf(
      '- Zaak Z-2026-0017: uiterlijk 4 mei 2026 om 23:59 (vandaag de laatste werkdag, dreigt te verlopen)',
    );
    const second = text.indexOf(
      '- Zaak Z-2026-0042: uiterlijk 6 mei 2026 om 23:59 (nog 2 werkdagen, dreigt te verlopen)',
    );
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    const html = part(mail.raw, 'text/html');
    expect(html).toContain('<h2>2 zaken vergunning van team kcc dreigen te verlopen</h2>');
    expect(html).toMatch(/<ol><li>Zaak Z-2026-0017: .*<\/li><li>Zaak Z-2026-0042: .*<\/li><\/ol>/);
  });

  it('announces a resolved alert with its measured value and threshold', async () => {
    const resolved = deadlineAlert({
      rule_kind: 'counter_forecast',
      summary: 'Wachttijd balie Centrum boven de norm',
      state: 'resolved',
      value: 930,
      threshold: 600,
      unit: 'seconds',
      items: [],
      items_total: 0,
      resolved_at: '2026-05-04T08:15:00.000Z',
    });
    await receiver().send(notification({ reason: 'resolved', alerts: [resolved] }), never);
    const mail = smtp.delivered.at(-1)!;
    expect(header(mail.raw, 'Subject')).toBe(
      '[Stuurwiel GM0363] Opgelost: Wachttijd balie Centrum boven de norm (team kcc)',
    );
    const text = part(mail.raw, 'text/plain');
    expect(text).toContain('Opgelost voor GM0363: 0 actief, 1 opgelost.');
    expect(text).toContain('Waarde: 15,5 min (drempel 10 min)');
    expect(text).toContain('Opgelost: 4 mei 2026 om 10:15');
    expect(text).not.toContain('Termijnen');
  });

  it('escapes text from alerts in the HTML part', async () => {
    const alert = deadlineAlert({ summary: 'Wachttijd <balie> & "meer"' });
    await receiver().send(notification({ alerts: [alert] }), never);
    expect(part(smtp.delivered.at(-1)!.raw, 'text/html')).toContain(
      '<h2>Wachttijd &lt;balie&gt; &amp; &quot;meer&quot;</h2>',
    );
  });

  it('throws when the server refuses a recipient, so the retry stage retries', async () => {
    smtp.refuseRecipient('kcc@gm0363.example.nl');
    try {
      await expect(receiver().send(notification(), never)).rejects.toThrow(/kcc@gm0363.example.nl/);
    } finally {
      smtp.refuseRecipient(null);
    }
  });

  it('throws when no SMTP server listens', async () => {
    const down = emailReceiver({
      name: 'down',
      smtpUrl: 'smtp://127.0.0.1:1',
      to: ['a@example.nl'],
      from: 'stuurwiel@example.nl',
      timeoutMs: 2000,
    });
    await expect(down.send(notification(), never)).rejects.toThrow();
  });
});

describe('e-mail receiver kind', () => {
  const config = emailKind.config.parse({
    type: 'email',
    name: 'kcc-leads',
    to: ['teamleads@gm0363.example.nl'],
    from: 'stuurwiel@gm0363.example.nl',
  });

  it(`needs ${SMTP_URL_ENV}`, () => {
    expect(() => emailKind.create(config, { env: {} })).toThrow(
      `environment variable ${SMTP_URL_ENV} is not set (needed by e-mail receivers)`,
    );
  });

  it('derives a Message-ID that is a valid msg-id for any notification id', () => {
    expect(messageId('n-1', 'Stuurwiel <alerts@gm0363.nl>')).toBe('<n-1@gm0363.nl>');
    expect(messageId('GM0363|team=kcc|ops', 'alerts@gm0363.nl')).toMatch(/^<[0-9a-f]{32}@gm0363\.nl>$/);
  });
});
