import { describe, expect, it } from 'vitest';
import { findPersonalDataInText } from '../../src/privacy/personal-data.js';
import { redactPersonalData } from '../../src/privacy/redact.js';

describe('redacting personal data from survey comments', () => {
  it.each([
    // e-mail addresses
    ['Mail mij op jan.jansen@example.nl a.u.b.', 'Mail mij op [e-mail] a.u.b.'],
    ['p.de-vries+kto@gemeente.example.org schreef', '[e-mail] schreef'],
    // phone numbers, Dutch and international
    ['bel 06-12345678 terug', 'bel [phone] terug'],
    ['bel 0612345678.', 'bel [phone].'],
    ['mijn nummer is +31 6 1234 5678', 'mijn nummer is [phone]'],
    ['+31 (0)6 1234 5678 of 0031201234567', '[phone] of [phone]'],
    ['kantoor: 020 624 1111', 'kantoor: [phone]'],
    ['(020) 624 11 11, na 17 uur', '[phone], na 17 uur'],
    ['Belgisch: +32 470 12 34 56', 'Belgisch: [phone]'],
    // BSN-like numbers that pass the eleven test, plain and grouped
    ['mijn bsn is 111222333', 'mijn bsn is [BSN]'],
    ['BSN: 1234.56.782, klopt dat?', 'BSN: [BSN], klopt dat?'],
    ['nummer 123 456 782', 'nummer [BSN]'],
    ['klantnummer V111222333', 'klantnummer V[BSN]'],
    ['tel0612345678b', 'tel[phone]b'],
    ['0 6 1 2 3 4 5 6 7 8', '[phone]'],
    // postcode and house number, and street with number
    ['Ik woon op 1012 AB 12a', 'Ik woon op [address]'],
    ['adres 1012AB, 7', 'adres [address]'],
    ['Kerkstraat 12, 1012 AB Amsterdam', '[address] Amsterdam'],
    ['Oude Gracht 101-2 in Utrecht', '[address] in Utrecht'],
    ['woont aan de Van Goghlaan 3b', 'woont aan de Van [address]'],
    // bank accounts
    ['rekening NL91 ABNA 0417 1643 00', 'rekening [IBAN]'],
    // several kinds at once
    [
      'Ik (jan@example.nl, 06 12 34 56 78, bsn 111222333) woon op Dorpsweg 4.',
      'Ik ([e-mail], [phone], bsn [BSN]) woon op [address].',
    ],
  ])('redacts %j', (text, expected) => {
    const out = redactPersonalData(text);
    expect(out).toBe(expected);
    // Nothing is left that the last check before Kafka would refuse.
    expect(findPersonalDataInText(out)).toBeUndefined();
  });

  it.each([
    'Heel vriendelijk geholpen, binnen 5 minuten aan de beurt!',
    'Wachttijd was 25 minuten, te lang.',
    'Ik heb 1000 en nog wat euro betaald',
    'nummer 123456789 klopt niet',
    'mijn paspoort kwam op 02-03-2026 om 09:15',
    'Balie 3 was dicht, 14 020 bellen hielp',
    'ticket A042, 2 van de 4 balies open',
    'betaalde € 75,20 voor 2 paspoorten',
    'score 8/10',
    '',
  ])('leaves %j alone', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });
});
