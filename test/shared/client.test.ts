// The renderer's client checks what main sends against the contract, as main checks what the renderer sends.
import { describe, expect, test } from 'vitest';
import { CommandFailed, createClient, type Transport } from '../../src/shared/client.ts';
import type { Reply } from '../../src/shared/contract.ts';

function transportReplying(reply: Reply): Transport & { push(event: string, payload: unknown): void } {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  return {
    invoke: async () => reply,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
  };
}

const changed = { added: [], addedCount: 0, unread: 3, total: 10 };

describe('replies', () => {
  test('a reply that matches its schema comes back parsed', async () => {
    const client = createClient(transportReplying({ ok: true, value: { unread: 4 } }));
    await expect(client.invoke('inbox.markAllRead', {})).resolves.toEqual({ unread: 4 });
  });

  test('a reply that does not match is refused with the command and the field that is wrong', async () => {
    const client = createClient(transportReplying({ ok: true, value: { unread: 'four' } }));
    const failure = client.invoke('inbox.markAllRead', {});
    await expect(failure).rejects.toBeInstanceOf(CommandFailed);
    await expect(failure).rejects.toMatchObject({ code: 'invalid_reply' });
    await expect(failure).rejects.toThrow(/inbox\.markAllRead: .*does not match the contract: unread: /);
  });

  test('an error reply becomes a CommandFailed with its code and message', async () => {
    const client = createClient(
      transportReplying({ ok: false, error: { code: 'not_found', message: 'message 7 not found' } }),
    );
    await expect(client.invoke('inbox.get', { id: 7 })).rejects.toMatchObject({
      code: 'not_found',
      message: 'message 7 not found',
    });
  });
});

describe('pushed events', () => {
  test('a valid event reaches only the listeners of that event, parsed', () => {
    const transport = transportReplying({ ok: true, value: {} });
    const client = createClient(transport);
    const seen: unknown[] = [];
    client.on('inbox.changed', (payload) => seen.push(payload.unread));
    client.on('ui.openMessage', () => seen.push('wrong listener'));
    transport.push('inbox.changed', changed);
    expect(seen).toEqual([3]);
  });

  test('an event that does not match its schema is reported and not delivered', () => {
    const transport = transportReplying({ ok: true, value: {} });
    const reports: string[] = [];
    const client = createClient(transport, { onInvalidEvent: (message) => reports.push(message) });
    const seen: unknown[] = [];
    client.on('inbox.changed', (payload) => seen.push(payload));
    transport.push('inbox.changed', { ...changed, unread: -0.5 });
    expect(seen).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^inbox\.changed: .*does not match the contract: unread: /);
  });
});
