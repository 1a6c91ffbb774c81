// A WebSocket endpoint that pushes frames (JSON or text).
import { z } from 'zod';
import { defineKind } from './define.ts';
import { FieldMapping, Headers } from './fields.ts';

export const websocket = defineKind({
  kind: 'websocket',
  label: 'WebSocket',
  url: {
    schemes: ['ws', 'wss'],
    example: 'wss://push.example/websocket/user-1',
    wording: { label: 'WebSocket URL', placeholder: 'wss://push.example/websocket', hint: 'ws:// or wss://' },
  },
  fields: {
    headers: Headers.default({}),
    /** Sent once after every (re)connect, e.g. a subscribe frame. */
    openMessage: z
      .string()
      .max(64 * 1024)
      .optional(),
    format: z.enum(['json', 'text']).default('json'),
    mapping: FieldMapping.default({}),
  },
});
export const WebSocketSettings = websocket.settings;
