// A Gotify server, read with a client token (the secret `token`).
import { defineKind } from './define.ts';

export const gotify = defineKind({
  kind: 'gotify',
  label: 'Gotify',
  url: {
    schemes: ['http', 'https'],
    example: 'https://gotify.example',
    wording: { label: 'Server URL', placeholder: 'https://gotify.example', hint: 'http:// or https://' },
  },
  fields: {},
});
export const GotifySettings = gotify.settings;
