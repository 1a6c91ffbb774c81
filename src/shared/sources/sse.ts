// A Server-Sent Events stream (text/event-stream), its events JSON or text.
import { z } from 'zod';
import { defineKind } from './define.ts';
import { FieldMapping, Headers } from './fields.ts';

export const sse = defineKind({
  kind: 'sse',
  label: 'Server-Sent Events',
  url: {
    schemes: ['http', 'https'],
    example: 'https://push.example/events',
    wording: {
      label: 'Stream URL',
      placeholder: 'https://push.example/events',
      hint: 'http:// or https://; a text/event-stream endpoint',
    },
  },
  fields: {
    headers: Headers.default({}),
    format: z.enum(['json', 'text']).default('json'),
    mapping: FieldMapping.default({}),
  },
});
export const SseSettings = sse.settings;
