// An inbox row marks a message that was stored without an OS notification, with a label screen readers say.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../src/shared/model.ts';
import { InboxRow } from '../../../src/renderer/inbox/InboxRow.tsx';

function render(patch: Partial<MessageSummary>): string {
  const message: MessageSummary = {
    id: 1,
    sourceId: 's',
    sourceName: 'Home',
    topic: 'kitchen/temp',
    title: 'Kitchen',
    preview: '21.5',
    priority: 3,
    receivedAt: 0,
    read: false,
    bodyKind: 'text',
    truncated: false,
    size: 4,
    notified: true,
    rule: null,
    ...patch,
  };
  const props = { message, selected: false, now: 0, top: 0, position: 1, setSize: 1, onSelect: () => {} };
  return renderToStaticMarkup(createElement(InboxRow, props));
}

describe('inbox row', () => {
  it('marks a message that was not notified, naming the rule on hover', () => {
    const html = render({ notified: false, rule: 'night' });
    expect(html).toContain('role="img" aria-label="not notified" title="Not notified (rule &#x27;night&#x27;)"');
  });

  it('has no marker for a notified message', () => {
    expect(render({})).not.toContain('not notified');
  });
});
