// The source form's model, without React: every kind's saved settings come back into the form and go out
// again unchanged, secrets follow "empty keeps, remove forgets", and validation speaks main's words.
import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../../src/shared/model.ts';
import { SourceInput } from '../../../src/shared/sources.ts';
import { NO_SAVED_SECRETS, toSourceInput, type SavedSecrets } from '../../../src/renderer/sources/form-input.ts';
import { hasErrors, validateSourceForm } from '../../../src/renderer/sources/form-validate.ts';
import { translate, type Translate } from '../../../src/renderer/i18n/i18n.ts';
import { emptyForm, formFromSource, type SourceFormValues } from '../../../src/renderer/sources/form-values.ts';

const viewFields = {
  id: 's1',
  minPriority: 1,
  embedded: false,
  ephemeral: false,
  hasPassword: false,
  hasToken: false,
  hasTlsKey: false,
  status: { state: 'connected' as const, since: 0 },
};

const VIEWS: SourceView[] = [
  {
    ...viewFields,
    kind: 'mqtt',
    name: 'Plant',
    enabled: true,
    url: 'mqtts://broker.plant:8883',
    username: 'alice',
    clientId: 'desk-7',
    topics: [{ filter: 'plant/+/alarm', qos: 2 }],
    protocolVersion: 5,
    keepalive: 45,
    clean: false,
    sessionExpiry: 3600,
    discovery: { homeAssistant: true, zigbee2mqtt: false, prefix: 'ha', baseTopic: 'zigbee2mqtt' },
    tls: { ca: '/etc/ca.pem', cert: 'PEM', servername: 'broker.internal', allowUntrusted: true },
  },
  {
    ...viewFields,
    kind: 'websocket',
    name: 'Boiler',
    enabled: false,
    url: 'wss://push.example/ws',
    headers: { 'X-Site': 'north' },
    openMessage: '{"subscribe":"boiler"}',
    format: 'json',
    mapping: { title: 'data.headline', body: 'data.text' },
  },
  {
    ...viewFields,
    kind: 'sse',
    name: 'Events',
    enabled: true,
    url: 'https://push.example/events',
    headers: {},
    format: 'text',
    mapping: {},
  },
  {
    ...viewFields,
    kind: 'ntfy',
    name: 'Home',
    enabled: true,
    url: 'https://ntfy.sh',
    topics: ['garage', 'door_bell'],
    username: 'sam',
    hasPassword: true,
  },
  { ...viewFields, kind: 'gotify', name: 'Gotify', enabled: true, url: 'https://gotify.example', hasToken: true },
];

/** What a view's settings are as input (no identity, status or secret flags). */
function settingsOf(view: SourceView): unknown {
  const {
    id: _id,
    embedded: _e,
    ephemeral: _p,
    hasPassword: _a,
    hasToken: _b,
    hasTlsKey: _c,
    status: _s,
    ...settings
  } = view;
  return SourceInput.parse(settings);
}

const form = (patch: Partial<SourceFormValues>): SourceFormValues => ({
  ...emptyForm(patch.kind),
  name: 'N',
  ...patch,
});

const english: Translate = (key, params) => translate('en', key, params);
const chinese: Translate = (key, params) => translate('zh-CN', key, params);
/** The form's checks in English, as the tests below read them. */
const validate = (values: SourceFormValues, saved?: SavedSecrets) => validateSourceForm(values, english, saved);

describe('source form values', () => {
  it.each(VIEWS.map((view) => [view.kind, view] as const))(
    '%s settings go into the form and come out the same',
    (_kind, view) => {
      const values = formFromSource(view);
      expect(validate(values, view)).toEqual({});
      const input = SourceInput.parse(toSourceInput(values, view));
      expect(input).toEqual(settingsOf(view));
    },
  );

  it('starts a new MQTT source with the schema defaults', () => {
    const input = SourceInput.parse(toSourceInput(form({ url: 'mqtt://b:1883', topics: [{ filter: '#', qos: 0 }] })));
    expect(input).toMatchObject({ protocolVersion: 4, keepalive: 30, clean: true, sessionExpiry: 0 });
    expect(input).not.toHaveProperty('tls');
  });

  it('sends a session expiry only for MQTT 5 with a kept session', () => {
    const base = form({ url: 'mqtt://b', topics: [{ filter: '#', qos: 1 }], keepSession: true, sessionExpiry: '600' });
    expect(toSourceInput({ ...base, protocolVersion: 5 })).toMatchObject({ clean: false, sessionExpiry: 600 });
    expect(toSourceInput({ ...base, protocolVersion: 4 })).toMatchObject({ clean: false, sessionExpiry: 0 });
  });

  it('leaves the mapping out of text frames and ignores empty header rows', () => {
    const values = form({
      kind: 'websocket',
      url: 'ws://x',
      format: 'text',
      mapping: { ...emptyForm().mapping, title: 'a.b' },
      headers: [
        { name: '', value: '' },
        { name: ' X-A ', value: '1' },
      ],
    });
    expect(toSourceInput(values)).toMatchObject({ mapping: {}, headers: { 'X-A': '1' } });
  });
});

describe('secrets', () => {
  const mqtt = (patch: Partial<SourceFormValues>) =>
    form({ url: 'mqtt://b', topics: [{ filter: '#', qos: 0 }], ...patch });

  it('keeps a saved secret when its field is left empty, replaces it when typed, removes it when asked', () => {
    const saved = { ...NO_SAVED_SECRETS, hasPassword: true };
    expect(toSourceInput(mqtt({}), saved)).toMatchObject({ password: undefined });
    expect(toSourceInput(mqtt({ password: { value: 'new', remove: false } }), saved)).toMatchObject({
      password: 'new',
    });
    expect(toSourceInput(mqtt({ password: { value: '', remove: true } }), saved)).toMatchObject({ password: '' });
  });

  it('ntfy: switching the sign-in removes the credentials the new way does not use', () => {
    const saved = { hasPassword: true, hasToken: true, hasTlsKey: false };
    const ntfy = (patch: Partial<SourceFormValues>) =>
      form({ kind: 'ntfy', url: 'https://ntfy.sh', ntfyTopics: ['a'], ...patch });
    expect(toSourceInput(ntfy({ ntfyAuth: 'token' }), saved)).toMatchObject({ token: undefined, password: '' });
    expect(toSourceInput(ntfy({ ntfyAuth: 'password', username: 'sam' }), saved)).toMatchObject({
      username: 'sam',
      password: undefined,
      token: '',
    });
    const none = toSourceInput(ntfy({ ntfyAuth: 'none', username: 'sam' }), saved);
    expect(none).toMatchObject({ password: '', token: '' });
    expect(none).not.toHaveProperty('username');
  });

  it('ntfy: a token saved earlier shows as the sign-in in use', () => {
    const view = { ...VIEWS[3]!, username: undefined, hasPassword: false, hasToken: true } as SourceView;
    expect(formFromSource(view).ntfyAuth).toBe('token');
  });
});

describe('validation', () => {
  it('uses the shared URL rule of each kind', () => {
    expect(validate(form({ kind: 'websocket', url: 'http://x' })).url).toBe('unsupported scheme "http"; use ws or wss');
    expect(validate(form({ kind: 'gotify', url: 'ws://x', token: { value: 't', remove: false } })).url).toBe(
      'unsupported scheme "ws"; use http or https',
    );
    expect(validate(form({ kind: 'mqtt', url: 'http//nope' })).url).toBe(
      '"http//nope" is not a URL; expected something like mqtt://broker.example:1883',
    );
  });

  it('marks each bad topic on its own row', () => {
    const mqtt = validate(
      form({
        url: 'mqtt://b',
        topics: [
          { filter: 'a/#', qos: 0 },
          { filter: 'a/#/b', qos: 0 },
          { filter: '', qos: 0 },
        ],
      }),
    );
    expect(mqtt['topics.0']).toBeUndefined();
    expect(mqtt['topics.1']).toMatch(/^topic filter is invalid/);
    expect(mqtt['topics.2']).toBe('topic filter is empty');

    const ntfy = validate(form({ kind: 'ntfy', url: 'https://ntfy.sh', ntfyTopics: ['ok_1', 'not ok', ''] }));
    expect([ntfy['topics.0'], ntfy['topics.1'], ntfy['topics.2']]).toEqual([
      undefined,
      'an ntfy topic is 1-64 letters, digits, - or _',
      'an ntfy topic is 1-64 letters, digits, - or _',
    ]);
    expect(validate(form({ kind: 'ntfy', url: 'https://ntfy.sh', ntfyTopics: [] })).topics).toBe(
      'at least one topic is required',
    );
  });

  it('checks numbers as typed', () => {
    const mqtt = form({
      url: 'mqtt://b',
      topics: [{ filter: '#', qos: 0 }],
      keepalive: '2',
      protocolVersion: 5,
      keepSession: true,
      sessionExpiry: 'soon',
    });
    const errors = validate(mqtt);
    expect(errors.keepalive).toBe('keepalive is a whole number of seconds from 5 to 3600');
    expect(errors.sessionExpiry).toMatch(/^session expiry is a whole number of seconds/);
    expect(validate({ ...mqtt, keepalive: '60', sessionExpiry: '0' })).toEqual({});
  });

  it("says the form's own checks in the user's language", () => {
    const mqtt = form({ url: '', topics: [{ filter: '#', qos: 0 }], keepalive: '2' });
    const errors = validateSourceForm(mqtt, chinese);
    expect(errors.keepalive).toBe('心跳间隔须为 5 到 3600 之间的整数秒');
    expect(errors.url).toBe('请输入 URL，例如 mqtt://broker.example:1883');
  });

  it('checks header rows: a name is needed, valid and not repeated', () => {
    const errors = validate(
      form({
        kind: 'sse',
        url: 'https://x',
        headers: [
          { name: 'X-Key', value: '1' },
          { name: '', value: 'orphan' },
          { name: 'Bad Name', value: '2' },
          { name: 'x-key', value: '3' },
        ],
      }),
    );
    expect(errors).toEqual({
      'headers.1': 'a header needs a name',
      'headers.2': 'a header name may contain letters, digits and -',
      'headers.3': 'the header x-key is already listed',
    });
  });

  it('asks for the secrets a sign-in needs unless one is saved', () => {
    const gotify = form({ kind: 'gotify', url: 'https://g' });
    expect(validate(gotify).token).toMatch(/^a client token is required/);
    expect(validate(gotify, { ...NO_SAVED_SECRETS, hasToken: true })).toEqual({});
    expect(
      validate({ ...gotify, token: { value: '', remove: true } }, { ...NO_SAVED_SECRETS, hasToken: true }).token,
    ).toBeDefined();

    const ntfy = form({ kind: 'ntfy', url: 'https://n', ntfyTopics: ['a'], ntfyAuth: 'password' });
    expect(validate(ntfy)).toEqual({
      username: 'enter the username, or sign in with an access token instead',
      password: 'enter the password',
    });
    expect(validate({ ...ntfy, username: 'sam' }, { ...NO_SAVED_SECRETS, hasPassword: true })).toEqual({});
  });

  it('reports a missing name the way main does', () => {
    const errors = validate({
      ...form({ kind: 'gotify', url: 'https://g', token: { value: 't', remove: false } }),
      name: '  ',
    });
    expect(errors).toEqual({ name: 'name is required' });
    expect(hasErrors(errors)).toBe(true);
    expect(hasErrors({})).toBe(false);
  });
});
