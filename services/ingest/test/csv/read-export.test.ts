import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvFileError, decodeExport, parseExport } from '../../src/adapters/csv/index.js';

describe('reading an export file', () => {
  it('decodes UTF-8 with or without a byte-order mark', () => {
    expect(decodeExport(Buffer.from('\uFEFFa;b\nBelgië;2\n'), 'utf-8')).toBe('a;b\nBelgië;2\n');
  });

  it('refuses bytes that are not UTF-8, naming the line and byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('a;b\n1;2\r\n3;'),
      Buffer.from([0x42, 0x65, 0x6c, 0x67, 0x69, 0xeb]),
      Buffer.from('\n'),
    ]);
    expect(() => decodeExport(bytes, 'utf-8')).toThrow(
      new CsvFileError(
        'line 3: not valid UTF-8 (byte 0xEB at byte 8 of the line); if the export is in another encoding, pass --encoding windows-1252 or latin1',
        3,
      ),
    );
  });

  it('reads Windows-1252 and Latin-1 when told', () => {
    const bytes = iconv.encode('Rijbewijs (omwisseling België) € 41,00\n', 'windows-1252');
    expect(decodeExport(bytes, 'windows-1252')).toBe('Rijbewijs (omwisseling België) € 41,00\n');
    expect(decodeExport(Buffer.from([0x42, 0xeb]), 'latin1')).toBe('Bë');
  });

  it('splits header and rows with their line numbers, quotes and uneven rows', () => {
    const text = 'Id;Naam ;Tijd\r\n1;"a;b";x\r\n\r\n2;"regel\nnog een";y\n3;z\n';
    expect(parseExport(text, ';')).toEqual({
      header: ['Id', 'Naam', 'Tijd'],
      headerLine: 1,
      rows: [
        { cells: ['1', 'a;b', 'x'], line: 2 },
        { cells: ['2', 'regel\nnog een', 'y'], line: 4 },
        { cells: ['3', 'z'], line: 6 },
      ],
    });
  });

  it('refuses an unclosed quote and an empty file', () => {
    expect(() => parseExport('a;b\n"1;2\n', ';')).toThrow(/^not readable as CSV: Quote Not Closed/);
    expect(() => parseExport('\n\n', ';')).toThrow('the file is empty: no header row');
  });
});
