// A plain REST endpoint polled for news: short polling (a GET every interval, with ETag / If-Modified-Since)
// or long polling (the server holds the request until it has news; a cursor query parameter resumes).
import { z } from 'zod';
import { defineKind } from './define.ts';
import { FieldMapping, Headers } from './fields.ts';

export const HTTP_POLL_MODES = ['poll', 'long-poll'] as const;

export const http = defineKind({
  kind: 'http',
  label: 'HTTP polling',
  url: {
    schemes: ['http', 'https'],
    example: 'https://api.example/alerts',
    wording: {
      label: 'Endpoint URL',
      placeholder: 'https://api.example/alerts',
      hint: 'http:// or https://; an endpoint that answers GET with JSON',
    },
  },
  fields: {
    headers: Headers.default({}),
    mode: z.enum(HTTP_POLL_MODES).default('poll'),
    /** Short polling: seconds between two requests. */
    intervalSeconds: z.number().int().min(1, 'poll at most once a second').max(86_400).default(30),
    /** Where the list of items is in the JSON (`data.items`); absent: the body is the list, or one item. */
    itemsPath: z.string().trim().max(200).optional(),
    mapping: FieldMapping.default({}),
    /** Long polling: the query parameter that carries the cursor (`since`). */
    cursorParam: z.string().trim().min(1).max(100).optional(),
    /** Long polling: where the next cursor is, in the response or else in its last item (`next`, `id`). */
    cursorPath: z.string().trim().max(200).optional(),
  },
});
export const HttpPollSettings = http.settings;
