// An ntfy server and the topics to follow. The URL is the server only, e.g. https://ntfy.sh.
import { z } from 'zod';
import { defineKind } from './define.ts';

export const ntfy = defineKind({
  kind: 'ntfy',
  label: 'ntfy',
  url: {
    schemes: ['http', 'https'],
    example: 'https://ntfy.sh',
    wording: { label: 'Server URL', placeholder: 'https://ntfy.sh', hint: 'The server only; topics are listed below.' },
  },
  fields: {
    topics: z
      .array(z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, 'an ntfy topic is 1-64 letters, digits, - or _'))
      .min(1, 'at least one topic is required')
      .max(30),
    /** With a username the password is sent as Basic auth; without, a token as Bearer. */
    username: z.string().max(256).optional(),
  },
});
export const NtfySettings = ntfy.settings;
