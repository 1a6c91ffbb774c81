// The detail pane rendered to HTML (React's server renderer, no browser): whatever a message carries ends up
// as text; only http(s) URLs become links; remote images are never requested; Markdown is rendered from its
// tokens, never as HTML.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/client.ts';
import type { MessageDetail } from '../../../src/shared/model.ts';
import { ConnectionContext } from '../../../src/renderer/transport/connection-context.ts';
import { LoadedMessage } from '../../../src/renderer/inbox/MessageDetail.tsx';
import { alwaysOpen, type Connection } from '../../../src/renderer/transport/connection.ts';

// A static render runs no effects and no clicks, so nothing is ever sent; a transport that refuses is enough.
const connection: Connection = {
  mode: 'browser',
  link: alwaysOpen,
  client: createClient({
    invoke: async () => ({ ok: false, error: { code: 'internal', message: 'not connected in a static render' } }),
    subscribe: () => () => {},
  }),
};

function render(patch: Partial<MessageDetail>): string {
  const detail: MessageDetail = {
    id: 1,
    sourceId: 's',
    sourceName: 'Home ntfy',
    topic: 'garage',
    title: 'Garage',
    preview: '',
    priority: 3,
    receivedAt: Date.UTC(2026, 0, 1),
    read: true,
    bodyKind: 'text',
    truncated: false,
    size: 10,
    keptBytes: 10,
    body: 'body',
    notified: true,
    rule: null,
    decision: { action: 'notify', reason: null },
    ...patch,
  };
  return renderToStaticMarkup(
    createElement(ConnectionContext, { value: connection }, createElement(LoadedMessage, { detail })),
  );
}

describe('message detail', () => {
  it('shows markup from a message as text, and renders a Markdown body from its tokens only', () => {
    const html = render({
      title: '<b>Hi</b>',
      body: '**Door** open <script>window.x=1</script>',
      extras: { contentType: 'text/markdown; charset=utf-8' },
    });
    expect(html).not.toMatch(/<(b|script)\b/);
    expect(html).toContain('&lt;b&gt;Hi&lt;/b&gt;');
    expect(html).toContain('<strong>Door</strong> open &lt;script&gt;window.x=1&lt;/script&gt;');
    // An MQTT 5 content type says the same.
    expect(render({ body: '# T', properties: { contentType: 'text/markdown' } })).toContain('<h1>T</h1>');
    expect(render({ body: '**plain**' })).not.toContain('<strong>');
  });

  it('links an http(s) click URL outside Herald and shows any other as text', () => {
    const linked = render({ extras: { clickUrl: 'https://ha.example/garage?x=1&y=2' } });
    expect(linked).toContain(
      '<a href="https://ha.example/garage?x=1&amp;y=2" target="_blank" rel="noreferrer noopener">',
    );
    const unsafe = render({
      extras: { clickUrl: 'javascript:alert(1)', attachment: { name: 'passwd', url: 'file:///etc/passwd' } },
    });
    expect(unsafe).not.toContain('href');
    expect(unsafe).toContain('javascript:alert(1)');
    expect(unsafe).toContain('(not a web link; not opened)');
  });

  it('never loads a remote icon and lists tags and the attachment', () => {
    const html = render({
      extras: {
        icon: 'https://cdn.example/icon.png',
        tags: ['north-wing', '<i>x</i>'],
        attachment: {
          name: 'snap.jpg',
          url: 'https://cdn.example/snap.jpg',
          type: 'image/jpeg',
          size: 2048,
          expires: 1_790_000_000,
        },
      },
    });
    expect(html).not.toContain('<img');
    expect(html).toContain('https://cdn.example/icon.png');
    expect(html).toContain('<li class="chip">north-wing</li><li class="chip">&lt;i&gt;x&lt;/i&gt;</li>');
    expect(html).toContain(
      '<a href="https://cdn.example/snap.jpg" target="_blank" rel="noreferrer noopener">snap.jpg</a>',
    );
    expect(html).toContain(' · image/jpeg · 2.0 KB');
    // An image attachment is shown inline only after a click.
    expect(html).toContain('Load image from cdn.example');
    // ntfy gives attachment expiry in seconds; it must not read as 1970.
    expect(html).not.toContain('1970');
  });

  it('shows action buttons, with broadcast marked Android only and left focusable', () => {
    const html = render({
      extras: {
        actions: [
          { action: 'view', label: 'Open panel', url: 'https://panel.example' },
          { action: 'broadcast', label: 'Tell the phone' },
        ],
      },
    });
    expect(html).toContain('role="group" aria-label="Actions"');
    expect(html).toContain('title="https://panel.example">Open panel</button>');
    expect(html).toMatch(
      /<button type="button" aria-disabled="true" class="action-unavailable" title="Android only">Tell the phone/,
    );
    expect(render({})).not.toContain('aria-label="Actions"');
  });

  it('shows MQTT 5 properties readably, user properties as rows of their own', () => {
    const html = render({
      properties: {
        qos: 1,
        retain: false,
        messageExpiryInterval: 60,
        correlationData: { type: 'Buffer', data: [1, 171] },
        userProperties: { site: 'north', shift: ['early', 'late'] },
      },
    });
    expect(html).toContain('<th scope="row" title="retain">Retained</th><td>no</td>');
    expect(html).toContain('<td>60 s</td>');
    expect(html).toContain('<td>01 ab (2 bytes)</td>');
    expect(html).toContain('<th scope="rowgroup" colSpan="2" title="userProperties">User properties</th>');
    expect(html).toContain('<tr class="nested"><th scope="row">site</th><td>north</td></tr>');
    expect(html).toContain('<th scope="row">shift</th><td>early, late</td>');
  });

  it('says what the rules decided, and offers to mute or snooze the topic', () => {
    const html = render({
      notified: false,
      rule: 'night',
      decision: { action: 'silent', reason: 'quiet hours 22:00-07:00' },
    });
    expect(html).toContain('Muted by rule &#x27;night&#x27; (quiet hours 22:00-07:00)');
    expect(html).toContain('>Mute this topic</button>');
    expect(html).toContain('aria-label="Snooze garage"');
    // A message notified by default needs no explanation, but keeps the buttons.
    const plain = render({});
    expect(plain).not.toContain('data-testid="decision-line"');
    expect(plain).toContain('>Mute this topic</button>');
  });
});
