import { describe, expect, it } from 'vitest';
import { decode, priorityOf, utf8SafeCut } from '../../../../src/main/core/decode/decode.ts';

const MAX = 64 * 1024;
const utf8 = (text: string) => new TextEncoder().encode(text);
const decodeText = (text: string) => decode(utf8(text), { maxBytes: MAX });

describe('decode: JSON payloads', () => {
  it('reads title, message, priority and id from a JSON object and keeps the original text as body', () => {
    const text = '{"title":"  Door  ","message":"Front door\\n  opened","priority":5,"id":"evt-1"}';
    const decoded = decodeText(text);
    expect(decoded).toMatchObject({
      bodyKind: 'json',
      title: 'Door',
      preview: 'Front door opened',
      body: text,
      priority: 5,
      externalId: 'evt-1',
      truncated: false,
      size: text.length,
      raw: null,
    });
  });

  it('takes the preview from body or text when there is no message field, and a numeric id as a string', () => {
    expect(decodeText('{"body":"from body","id":42}')).toMatchObject({ preview: 'from body', externalId: '42' });
    expect(decodeText('{"text":"from text"}').preview).toBe('from text');
    expect(decodeText('{"message":"wins","body":"loses"}').preview).toBe('wins');
  });

  it('previews JSON without a message field as compact JSON of at most 200 characters', () => {
    const decoded = decodeText('{\n  "temperature": 21.5,\n  "unit": "C"\n}');
    expect(decoded.bodyKind).toBe('json');
    expect(decoded.title).toBeNull();
    expect(decoded.preview).toBe('{"temperature":21.5,"unit":"C"}');
    const long = decodeText(JSON.stringify({ values: Array.from({ length: 500 }, (_, i) => i) }));
    expect(long.preview).toHaveLength(200);
    expect(long.preview.startsWith('{"values":[0,1,2')).toBe(true);
  });

  it('treats arrays as JSON without fields', () => {
    const decoded = decodeText(' [ {"title":"not a title"}, 2 ] ');
    expect(decoded).toMatchObject({
      bodyKind: 'json',
      title: null,
      priority: 3,
      preview: '[{"title":"not a title"},2]',
    });
    expect(decoded.externalId).toBeUndefined();
  });

  it('keeps bare scalars and almost-JSON as text', () => {
    expect(decodeText('21.5')).toMatchObject({ bodyKind: 'text', body: '21.5', preview: '21.5' });
    expect(decodeText('"on"').bodyKind).toBe('text');
    expect(decodeText('{not json}')).toMatchObject({ bodyKind: 'text', body: '{not json}' });
  });

  it('trims titles, caps them at 200 characters and turns empty titles into null', () => {
    expect(decodeText('{"title":"   "}').title).toBeNull();
    expect(decodeText('{"title":""}').title).toBeNull();
    expect(decodeText('{"title":42}').title).toBeNull();
    expect(decodeText(JSON.stringify({ title: ` ${'t'.repeat(300)} ` })).title).toBe('t'.repeat(200));
  });

  it('never ends a preview or title in half of an emoji', () => {
    const decoded = decodeText(JSON.stringify({ title: 'a' + '😀'.repeat(150), message: 'b' + '😀'.repeat(150) }));
    expect(decoded.title).toBe('a' + '😀'.repeat(99));
    expect(decoded.preview).toBe('b' + '😀'.repeat(99));
  });
});

describe('decode: priority mapping', () => {
  it.each([
    [1, 1],
    [3, 3],
    [5, 5],
    [0, 1],
    [-4, 1],
    [2.4, 2],
    [6, 4],
    [7, 4],
    [8, 5],
    [10, 5],
    [99, 5],
  ])('number %s → %s', (input, expected) => {
    expect(priorityOf(input)).toBe(expected);
    expect(decodeText(JSON.stringify({ priority: input })).priority).toBe(expected);
  });

  it.each([
    ['min', 1],
    ['low', 2],
    ['default', 3],
    ['normal', 3],
    ['high', 4],
    ['HIGH', 4],
    ['max', 5],
    ['urgent', 5],
    ['4', 4],
  ])('name %s → %s', (input, expected) => {
    expect(decodeText(JSON.stringify({ priority: input })).priority).toBe(expected);
  });

  it('falls back to 3 for missing or unusable priorities', () => {
    for (const priority of [undefined, null, 'whenever', '', true, [5], {}]) {
      expect(priorityOf(priority)).toBe(3);
    }
    expect(decodeText('plain').priority).toBe(3);
  });
});

describe('decode: plain text', () => {
  it('keeps the body verbatim and collapses whitespace in the preview', () => {
    const text = '  Backup\tfinished\r\n\n   in 42 s  ';
    expect(decodeText(text)).toMatchObject({
      bodyKind: 'text',
      body: text,
      preview: 'Backup finished in 42 s',
      title: null,
      priority: 3,
      raw: null,
    });
  });

  it('previews at most 200 characters of long text, even after a long run of whitespace', () => {
    const decoded = decodeText('word '.repeat(10_000));
    expect(decoded.preview).toHaveLength(199); // 200 characters minus the trailing space
    expect(decoded.body).toHaveLength(50_000);
    expect(decodeText(' '.repeat(5000) + 'x'.repeat(300)).preview).toBe('x'.repeat(200));
  });

  it('keeps hostile HTML verbatim: decode neither sanitises nor interprets', () => {
    const html = '<img src=x onerror=alert(1)>';
    expect(decodeText(html)).toMatchObject({ bodyKind: 'text', body: html, preview: html });
    const json = decodeText(JSON.stringify({ title: html, message: html }));
    expect(json).toMatchObject({ bodyKind: 'json', title: html, preview: html });
  });

  it('treats an empty payload as empty text', () => {
    expect(decode(new Uint8Array(0), { maxBytes: MAX })).toMatchObject({
      bodyKind: 'text',
      body: '',
      preview: '',
      size: 0,
    });
  });
});

describe('decode: binary', () => {
  it('shows invalid UTF-8 as hex and keeps the bytes', () => {
    const payload = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
    const decoded = decode(payload, { maxBytes: MAX });
    expect(decoded).toMatchObject({ bodyKind: 'binary', body: '', preview: 'de ad be ef', size: 4, truncated: false });
    expect(Array.from(decoded.raw!)).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it('treats valid UTF-8 with NUL or other control characters as binary', () => {
    expect(decodeText('abc\u0000def').bodyKind).toBe('binary');
    expect(decodeText('\u001b[31mred\u001b[0m').bodyKind).toBe('binary');
    expect(decodeText('tab\tnewline\ncr\r').bodyKind).toBe('text');
  });

  it('previews only the first 32 bytes', () => {
    const payload = Uint8Array.from({ length: 100 }, (_, i) => i);
    const decoded = decode(payload, { maxBytes: MAX });
    expect(decoded.preview.split(' ')).toHaveLength(32);
    expect(decoded.preview.startsWith('00 01 02 03')).toBe(true);
    expect(decoded.preview.endsWith('1e 1f')).toBe(true);
    expect(decoded.raw).toHaveLength(100);
  });
});

describe('decode: size cap', () => {
  const SIXTEEN_MB = 16 * 1024 * 1024;

  it('keeps only the head of a 16 MB payload and reports the original size', () => {
    const payload = new Uint8Array(SIXTEEN_MB).fill(0x61); // 'a'
    const decoded = decode(payload, { maxBytes: MAX });
    expect(decoded).toMatchObject({ bodyKind: 'text', truncated: true, size: SIXTEEN_MB });
    expect(decoded.body).toHaveLength(MAX);
  });

  it('cuts multi-byte text on a character boundary so it stays text', () => {
    // '€' is 3 bytes; a 16 MB run of them cut at 64 KiB (not a multiple of 3) would split one.
    const euros = '€'.repeat(SIXTEEN_MB / 3);
    const decoded = decode(utf8(euros), { maxBytes: MAX });
    expect(decoded.bodyKind).toBe('text');
    expect(decoded.truncated).toBe(true);
    expect(decoded.size).toBe(utf8(euros).length);
    expect(decoded.body).toBe('€'.repeat(Math.floor(MAX / 3)));
  });

  it('caps binary payloads too and keeps a copy of just the head', () => {
    const payload = new Uint8Array(SIXTEEN_MB).fill(0xff);
    const decoded = decode(payload, { maxBytes: 1000 });
    expect(decoded).toMatchObject({ bodyKind: 'binary', truncated: true, size: SIXTEEN_MB });
    expect(decoded.raw!.byteLength).toBe(1000);
    expect(decoded.raw!.buffer.byteLength).toBe(1000);
  });

  it('does not parse a truncated JSON document', () => {
    const text = JSON.stringify({ title: 'big', message: 'x'.repeat(1000) });
    const decoded = decode(utf8(text), { maxBytes: 100 });
    expect(decoded).toMatchObject({ bodyKind: 'text', title: null, truncated: true, body: text.slice(0, 100) });
  });

  it('backs off at most to the start of the split character', () => {
    const bytes = utf8('ab😀'); // 61 62 f0 9f 98 80
    expect(utf8SafeCut(bytes, 2)).toBe(2);
    expect(utf8SafeCut(bytes, 3)).toBe(2);
    expect(utf8SafeCut(bytes, 5)).toBe(2);
    expect(utf8SafeCut(bytes, 6)).toBe(6);
  });
});

describe('decode: speed', () => {
  it('decodes well over 50k typical messages per second', () => {
    const samples = [
      utf8('{"title":"Backup","message":"Nightly backup finished in 42 s","priority":"high","id":1234}'),
      utf8('Motion detected in the hallway'),
      utf8('21.5'),
      new Uint8Array([0x08, 0x96, 0x01, 0x12, 0x04, 0x74, 0x65, 0x73, 0x74]),
    ];
    const count = 200_000;
    const started = performance.now();
    for (let i = 0; i < count; i++) decode(samples[i & 3]!, { maxBytes: MAX });
    const perSecond = count / ((performance.now() - started) / 1000);
    expect(perSecond).toBeGreaterThan(50_000);
  });
});
