// `herald serve --source URL`: one URL per source, options in its query string.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseArgs, UsageError, type ServeArgs } from '../../../src/main/cli/args.ts';
import { SOURCE_URL_HELP } from '../../../src/main/cli/source-url.ts';

const serve = (...argv: string[]) => (parseArgs(['serve', ...argv]) as ServeArgs).sources;

describe('MQTT sources', () => {
  test('take clientId, clean, qos, protocolVersion and keepalive from the query; the broker URL loses them', () => {
    const [source] = serve(
      '--source',
      'mqtt://broker.lan:1883?clientId=desk-1&clean=false&qos=2&protocolVersion=5&keepalive=20&sessionExpiry=3600&name=Office',
      '--topic',
      'alerts/#',
      '--topic',
      'plant/+/alarm',
    );
    expect(source).toEqual({
      kind: 'mqtt',
      name: 'Office',
      url: 'mqtt://broker.lan:1883',
      clientId: 'desk-1',
      clean: false,
      protocolVersion: 5,
      keepalive: 20,
      sessionExpiry: 3600,
      topics: [
        { filter: 'alerts/#', qos: 2 },
        { filter: 'plant/+/alarm', qos: 2 },
      ],
    });
  });

  test('--qos after the topics still applies to all of them; protocolVersion accepts 3.1.1', () => {
    const [source] = serve('--source', 'mqtts://b:8883?protocolVersion=3.1.1', '--topic', 'a', '--qos', '0');
    expect(source).toMatchObject({ protocolVersion: 4, topics: [{ filter: 'a', qos: 0 }] });
  });

  test('secrets from the environment and TLS files from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-cli-'));
    const key = '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n';
    process.env.HERALD_TEST_PW = 'from-env';
    try {
      writeFileSync(join(dir, 'client.key'), key);
      const [source] = serve(
        '--source',
        `mqtts://b:8883?username=ann&password=env:HERALD_TEST_PW&ca=${dir}/ca.pem&key=${dir}/client.key&allowUntrusted=true`,
        '--topic',
        '#',
      );
      // The CA stays a path (read when connecting); the key is read now, as the secret it is.
      expect(source).toMatchObject({
        username: 'ann',
        password: 'from-env',
        tlsKey: key,
        tls: { ca: `${dir}/ca.pem`, allowUntrusted: true },
      });
      expect(() => serve('--source', `mqtts://b?key=${dir}/missing.key`, '--topic', '#')).toThrow(
        /key: cannot read .*missing\.key: ENOENT/,
      );
    } finally {
      delete process.env.HERALD_TEST_PW;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('unknown options, missing topics and bad values are usage errors that say what is wrong', () => {
    expect(() => serve('--source', 'mqtt://b?clientID=x', '--topic', 'a')).toThrow(/unknown MQTT option clientID/);
    expect(() => serve('--source', 'mqtt://b')).toThrow(/needs at least one --topic/);
    expect(() => serve('--source', 'mqtt://b?qos=3', '--topic', 'a')).toThrow(/qos must be 0, 1 or 2/);
    expect(() => serve('--source', 'mqtt://b?clean=maybe', '--topic', 'a')).toThrow(/clean must be true or false/);
    expect(() => serve('--source', 'mqtt://b?password=env:HERALD_SURELY_UNSET', '--topic', 'a')).toThrow(
      /HERALD_SURELY_UNSET is not set/,
    );
    expect(() => serve('--source', 'http://b', '--topic', 'a')).toThrow(UsageError);
    expect(() => serve('--source', 'http://b', '--topic', 'a')).toThrow(/need kind=sse, http, ntfy, gotify or webhook/);
    expect(() => serve('--source', 'ftp://b', '--topic', 'a')).toThrow(/no kind of source takes ftp URLs/);
  });
});

describe('push sources', () => {
  test("a WebSocket source keeps the server's own query parameters and takes Herald's", () => {
    const [source] = serve(
      '--source',
      'wss://push.example/websocket/7?kind=websocket&session=abc&token=t0k&header.X-Team=ops&map.title=data.title&map.body=data.text&open={"subscribe":"all"}',
    );
    expect(source).toEqual({
      kind: 'websocket',
      url: 'wss://push.example/websocket/7?session=abc',
      token: 't0k',
      headers: { 'X-Team': 'ops' },
      mapping: { title: 'data.title', body: 'data.text' },
      openMessage: '{"subscribe":"all"}',
    });
  });

  test('an SSE source', () => {
    const [source] = serve('--source', 'https://push.example/events?kind=sse&format=text');
    expect(source).toMatchObject({ kind: 'sse', url: 'https://push.example/events', format: 'text' });
  });

  test("an HTTP polling source takes its own parameters and leaves the server's", () => {
    const [source] = serve(
      '--source',
      'https://api.example/alerts?kind=http&page=1&mode=long-poll&items=data.items&cursorParam=since&cursorPath=next&map.body=text',
    );
    expect(source).toEqual({
      kind: 'http',
      url: 'https://api.example/alerts?page=1',
      headers: {},
      mapping: { body: 'text' },
      mode: 'long-poll',
      itemsPath: 'data.items',
      cursorParam: 'since',
      cursorPath: 'next',
    });
    expect(serve('--source', 'http://api.example/a?kind=http&interval=5')[0]).toMatchObject({ intervalSeconds: 5 });
  });

  test('ntfy topics come from the path or from --topic; the server URL is what remains', () => {
    const [fromPath, fromFlags] = serve(
      '--source',
      'https://ntfy.sh/alerts,backups?kind=ntfy&token=tk_1',
      '--source',
      'https://ntfy.example/base?kind=ntfy&username=ann&password=pw',
      '--topic',
      'door',
    );
    expect(fromPath).toEqual({ kind: 'ntfy', url: 'https://ntfy.sh', topics: ['alerts', 'backups'], token: 'tk_1' });
    expect(fromFlags).toEqual({
      kind: 'ntfy',
      url: 'https://ntfy.example',
      topics: ['base', 'door'],
      username: 'ann',
      password: 'pw',
    });
    expect(() => serve('--source', 'https://ntfy.sh?kind=ntfy')).toThrow(/names no ntfy topic/);
    expect(() => serve('--source', 'https://ntfy.sh/bad%20topic?kind=ntfy')).toThrow(/ntfy topic/);
  });

  test('a Gotify source with its client token', () => {
    const [source] = serve('--source', 'https://gotify.example?kind=gotify&token=C123&name=Home');
    expect(source).toEqual({ kind: 'gotify', name: 'Home', url: 'https://gotify.example', token: 'C123' });
    expect(() => serve('--source', 'https://gotify.example?kind=gotify&topic=x')).toThrow(
      /unknown gotify option topic/,
    );
  });

  test('an unknown kind lists the known ones', () => {
    expect(() => serve('--source', 'https://x?kind=pager')).toThrow(
      /unknown kind "pager"; use mqtt, websocket, sse, http, ntfy, gotify/,
    );
  });
});

test('serve --help lists the per-source options', () => {
  expect(parseArgs(['serve', '--help'])).toEqual({ command: 'help', of: 'serve' });
  expect(SOURCE_URL_HELP).toContain('kind=mqtt|websocket|sse|http|ntfy|gotify|webhook');
});

test('a webhook source from the command line: its address, token and limits', () => {
  expect(serve('--source', 'http://127.0.0.1:7341/hook/ci?kind=webhook&token=t0ken&perMinute=10')).toEqual([
    { kind: 'webhook', url: 'http://127.0.0.1:7341/hook/ci', token: 't0ken', perMinute: 10 },
  ]);
  expect(() => parseArgs(['serve', '--source', 'http://127.0.0.1:7341/ci?kind=webhook'])).toThrow(/\/hook\/NAME/);
});
