// The event-stream format as the HTML standard defines it, fed the way a network delivers it: in chunks that
// split lines, line endings and characters anywhere.
import { describe, expect, test } from 'vitest';
import { SseParser, type SseEvent } from '../../../../../src/main/core/sources/sse/sse-parser.ts';

function parse(chunks: string[], options: { maxEventChars?: number; lastEventId?: string } = {}) {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  let oversize = 0;
  const parser = new SseParser({
    ...options,
    onEvent: (e) => events.push(e),
    onRetry: (ms) => retries.push(ms),
    onOversize: () => oversize++,
  });
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return { events, retries, oversize, lastEventId: parser.lastEventId };
}

/** Every way of cutting the text into two chunks, plus one character at a time. */
function splits(text: string): string[][] {
  const out = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

describe('SSE parser', () => {
  test('data lines join with line feeds; a blank line dispatches; the type defaults to message', () => {
    const { events } = parse(['data: first\ndata: second\n\nevent: alert\ndata:third\n\n']);
    expect(events).toEqual([
      { type: 'message', data: 'first\nsecond', lastEventId: '', hasOwnId: false },
      { type: 'alert', data: 'third', lastEventId: '', hasOwnId: false },
    ]);
  });

  test('LF, CRLF and CR all end lines, however the stream is cut (a CRLF split in two counts once)', () => {
    const text = 'id: 1\r\ndata: a\r\ndata: a2\r\n\r\ndata: b\rdata: c\r\rdata: d\n\n';
    for (const chunks of splits(text)) {
      expect(
        parse(chunks).events.map((e) => e.data),
        JSON.stringify(chunks),
      ).toEqual(['a\na2', 'b\nc', 'd']);
    }
  });

  test('one leading BOM is skipped; a second one is part of the field name', () => {
    expect(parse(['\uFEFFdata: x\n\n']).events.map((e) => e.data)).toEqual(['x']);
    expect(parse(['\uFEFF', 'data: x\n\n']).events.map((e) => e.data)).toEqual(['x']);
    expect(parse(['\uFEFF\uFEFFdata: x\n\n']).events).toEqual([]);
  });

  test('comments are ignored; only one space after the colon is stripped; a line without colon is a field with no value', () => {
    const { events } = parse([': keepalive\n:\ndata:  two spaces\ndata\ndata:\n\n']);
    expect(events.map((e) => e.data)).toEqual([' two spaces\n\n']);
  });

  test('an event without data lines is not dispatched; unknown fields are ignored', () => {
    expect(parse(['event: x\nfoo: bar\n\nid: 3\n\n']).events).toEqual([]);
    expect(parse(['data\n\n']).events.map((e) => e.data)).toEqual(['']);
  });

  test('the last event id carries over to later events and resets with an empty id; ids with NUL are ignored', () => {
    const { events, lastEventId } = parse(['id: 7\ndata: a\n\ndata: b\n\nid: 8\u0000\ndata: c\n\nid\ndata: d\n\n'], {
      lastEventId: '6',
    });
    expect(events.map((e) => [e.data, e.lastEventId, e.hasOwnId])).toEqual([
      ['a', '7', true],
      ['b', '7', false],
      ['c', '7', false],
      ['d', '', true],
    ]);
    expect(lastEventId).toBe('');
    expect(parse(['data: x\n\n'], { lastEventId: '6' }).events[0]!.lastEventId).toBe('6');
  });

  test('retry takes digits only', () => {
    expect(parse(['retry: 3000\nretry: 1.5\nretry: soon\nretry:250\n\n']).retries).toEqual([3000, 250]);
  });

  test('an unfinished event at the end of the stream is discarded', () => {
    expect(parse(['data: complete\n\ndata: cut off\n']).events.map((e) => e.data)).toEqual(['complete']);
  });

  test('non-ASCII text passes through unchanged', () => {
    const { events } = parse(['data: caf', 'é ☕\n', '\n']);
    expect(events[0]!.data).toBe('café ☕');
  });

  test('an event over the bound is dropped whole and reported; the next one is read as usual', () => {
    const big = 'x'.repeat(100);
    const viaLines = parse([`id: 1\ndata: ${big}\ndata: ${big}\n\ndata: next\n\n`], { maxEventChars: 150 });
    expect(viaLines.oversize).toBe(1);
    expect(viaLines.events.map((e) => e.data)).toEqual(['next']);
    expect(viaLines.lastEventId).toBe('1');

    // One line longer than the bound, arriving in pieces, is never held in memory whole.
    const pieces = ['data: ', ...Array.from({ length: 20 }, () => big), '\n\n', 'data: next\n\n'];
    const viaOneLine = parse(pieces, { maxEventChars: 150 });
    expect(viaOneLine.oversize).toBe(1);
    expect(viaOneLine.events.map((e) => e.data)).toEqual(['next']);

    // A huge comment is only a comment.
    const comment = parse([':', ...Array.from({ length: 20 }, () => big), '\ndata: kept\n\n'], { maxEventChars: 150 });
    expect(comment.oversize).toBe(0);
    expect(comment.events.map((e) => e.data)).toEqual(['kept']);
  });
});
