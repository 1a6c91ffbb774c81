// How a body is meant to be read: markdown when the sender says so, for a JSON body too (ntfy's JSON publishing).
import { describe, expect, it } from 'vitest';
import { bodyFormat, markdownMessage } from '../../../../src/renderer/inbox/body/body-format.ts';

const json = (value: unknown) => ({ bodyKind: 'json' as const, body: JSON.stringify(value) });

describe('body format', () => {
  it('reads a text body as markdown when its content type says so', () => {
    expect(bodyFormat({ bodyKind: 'text', extras: { contentType: 'text/markdown; charset=utf-8' } })).toBe('markdown');
    expect(bodyFormat({ bodyKind: 'text', properties: { contentType: 'text/markdown' } })).toBe('markdown');
    expect(bodyFormat({ bodyKind: 'text' })).toBe('text');
  });

  it('finds the markdown message of a JSON body that says it is markdown', () => {
    expect(markdownMessage(json({ title: 'Backup', message: '**done**', markdown: true }))).toBe('**done**');
    expect(markdownMessage(json({ body: '# Report', content_type: 'text/markdown' }))).toBe('# Report');
    expect(markdownMessage(json({ text: '*x*', markdown: true }))).toBe('*x*');
  });

  it('finds none when the JSON does not say so, has no message, or is not an object', () => {
    expect(markdownMessage(json({ message: '**done**' }))).toBeNull();
    expect(markdownMessage(json({ message: '**done**', markdown: 'yes' }))).toBeNull();
    expect(markdownMessage(json({ markdown: true, message: 42 }))).toBeNull();
    expect(markdownMessage(json([{ markdown: true, message: 'x' }]))).toBeNull();
    expect(markdownMessage({ bodyKind: 'json', body: '{"markdown": true, "message": "cut' })).toBeNull();
    expect(markdownMessage({ bodyKind: 'text', body: '{"markdown":true,"message":"x"}' })).toBeNull();
  });
});
