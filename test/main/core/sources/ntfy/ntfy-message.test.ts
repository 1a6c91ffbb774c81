// How ntfy's JSON events look in the inbox: fields, tags and emoji, actions, updates, garbage.
import { describe, expect, test } from 'vitest';
import { KNOWN_EMOJI_TAGS, splitTags } from '../../../../../src/main/core/sources/ntfy/ntfy-emoji.ts';
import {
  coalesceCatchUp,
  ntfyToIncoming,
  parseNtfyLine,
  type NtfyEvent,
} from '../../../../../src/main/core/sources/ntfy/ntfy-message.ts';
import { MessageExtras } from '../../../../../src/shared/model.ts';

const context = { sourceId: 'src-1', sourceName: 'Office ntfy', receivedAt: 1_700_000_000_000 };

function event(fields: Partial<NtfyEvent> & Record<string, unknown>): NtfyEvent {
  return { id: 'sPs71M8A2T00', time: 1643935928, expires: 1643979128, event: 'message', topic: 'home', ...fields };
}

describe('ntfy events in the inbox', () => {
  test('every field of the documented example is kept where Herald shows it', () => {
    const line =
      '{"id":"sPs71M8A2T","time":1643935928,"expires":1643979128,"event":"message","topic":"home","title":"Garage",' +
      '"message":"Door open 15 min","priority":4,"tags":["warning","door","garage"],"click":"https://ha.lan/garage",' +
      '"actions":[{"id":"a1b2c3d4e5","action":"http","label":"Close","clear":true,"url":"https://ha.lan/api/close","method":"POST"}]}';
    const parsed = parseNtfyLine(line)!;
    const message = ntfyToIncoming(parsed, context);
    expect(message).toMatchObject({
      sourceId: 'src-1',
      sourceName: 'Office ntfy',
      topic: 'home',
      dedupeKey: 'sPs71M8A2T',
      cursor: 'sPs71M8A2T',
      foldKey: 'home/sPs71M8A2T',
      fields: {
        title: '⚠️ 🚪 Garage',
        body: 'Door open 15 min',
        priority: 4,
        extras: {
          serverId: 'sPs71M8A2T',
          sentAt: 1643935928000,
          tags: ['garage'],
          clickUrl: 'https://ha.lan/garage',
          actions: [{ action: 'http', label: 'Close', clear: true, url: 'https://ha.lan/api/close', method: 'POST' }],
        },
      },
      properties: { event: 'message', id: 'sPs71M8A2T', time: 1643935928, tags: ['warning', 'door', 'garage'] },
    });
    expect(message.op).toBeUndefined();
    MessageExtras.parse(message.fields!.extras);
  });

  test('emoji go in front of the title in tag order, or in front of the body when there is no title', () => {
    const titled = ntfyToIncoming(
      event({ title: 'Backup', message: 'done', tags: ['tada', 'nas', '+1', 'white_check_mark'] }),
      context,
    );
    expect(titled.fields).toMatchObject({ title: '🎉 👍 ✅ Backup', body: 'done', extras: { tags: ['nas'] } });
    const untitled = ntfyToIncoming(
      event({ message: 'Smoke in the kitchen', tags: ['rotating_light', 'fire'] }),
      context,
    );
    expect(untitled.fields!.title).toBeUndefined();
    expect(untitled.fields!.body).toBe('🚨 🔥 Smoke in the kitchen');
    expect(untitled.fields!.extras!.tags).toBeUndefined();
    // A tag that only looks like an object key is a plain tag, not an emoji.
    expect(splitTags(['constructor', 'toString', 'skull'])).toEqual({
      emojis: ['💀'],
      plain: ['constructor', 'toString'],
    });
    expect(KNOWN_EMOJI_TAGS).toBeGreaterThanOrEqual(60);
  });

  test('the common alert tags all have their emoji', () => {
    const tags = [
      'warning',
      'rotating_light',
      'white_check_mark',
      'heavy_check_mark',
      'x',
      'skull',
      'tada',
      '+1',
      '-1',
      'loudspeaker',
      'partying_face',
      'no_entry',
      'computer',
      'house',
      'bell',
      'fire',
      'zap',
      'lock',
      'key',
      'package',
    ];
    const { emojis, plain } = splitTags(tags);
    expect(plain).toEqual([]);
    expect(emojis.join(' ')).toBe('⚠️ 🚨 ✅ ✔️ ❌ 💀 🎉 👍 👎 📢 🥳 ⛔ 💻 🏠 🔔 🔥 ⚡ 🔒 🔑 📦');
  });

  test('priority 1..5 as sent, 3 when ntfy leaves it out, clamped when out of range', () => {
    const priority = (p: unknown) => ntfyToIncoming(event({ priority: p as number }), context).fields!.priority;
    expect([priority(1), priority(2), priority(undefined), priority(4), priority(5)]).toEqual([1, 2, 3, 4, 5]);
    expect([priority(9), priority(-2), priority('high')]).toEqual([5, 1, 3]);
  });

  test('icon, markdown, attachment and every kind of action button are kept; malformed buttons are not', () => {
    const message = ntfyToIncoming(
      event({
        message: '**Disk** at 91%',
        content_type: 'text/markdown',
        icon: 'https://nas.lan/icon.png',
        attachment: {
          name: 'report.pdf',
          url: 'https://ntfy.lan/file/abc.pdf',
          type: 'application/pdf',
          size: 2048,
          expires: 1643946728,
        },
        actions: [
          { id: '1', action: 'view', label: 'Open', url: 'https://nas.lan', clear: false },
          {
            id: '2',
            action: 'http',
            label: 'Retry',
            url: 'https://nas.lan/retry',
            method: 'PUT',
            headers: { Authorization: 'x' },
            body: '{}',
          },
          {
            id: '3',
            action: 'broadcast',
            label: 'Take picture',
            intent: 'io.heckel.ntfy.USER_ACTION',
            extras: { cmd: 'pic' },
          },
          { id: '4', action: 'copy', label: 'Copy code', value: '123456' },
          { id: '5', action: 'launch-rocket', label: 'Unknown kind' },
          { id: '6', action: 'view', url: 'https://no-label' },
          'not an action',
        ],
      }),
      context,
    );
    const extras = message.fields!.extras!;
    expect(extras).toMatchObject({
      contentType: 'text/markdown',
      icon: 'https://nas.lan/icon.png',
      attachment: {
        name: 'report.pdf',
        url: 'https://ntfy.lan/file/abc.pdf',
        type: 'application/pdf',
        size: 2048,
        expires: 1643946728000,
      },
    });
    expect(extras.actions).toEqual([
      { action: 'view', label: 'Open', url: 'https://nas.lan' },
      {
        action: 'http',
        label: 'Retry',
        url: 'https://nas.lan/retry',
        method: 'PUT',
        headers: { Authorization: 'x' },
        body: '{}',
      },
      { action: 'broadcast', label: 'Take picture' },
      { action: 'copy', label: 'Copy code', value: '123456' },
    ]);
    MessageExtras.parse(extras);
  });

  test('a body ntfy had to base64-encode is decoded; an uncached message gives no cursor', () => {
    const message = ntfyToIncoming(
      event({ message: Buffer.from('Grüße').toString('base64'), encoding: 'base64', expires: undefined }),
      context,
    );
    expect(message.fields!.body).toBe('Grüße');
    expect(message.cursor).toBeUndefined();
    expect(message.dedupeKey).toBe('sPs71M8A2T00');
  });

  test('updates fold by topic and sequence id; delete and clear become inbox operations', () => {
    const update = ntfyToIncoming(event({ id: 'rev2aaaaaaaa', sequence_id: 'backup-1', message: '50%' }), context);
    expect(update).toMatchObject({ foldKey: 'home/backup-1', dedupeKey: 'rev2aaaaaaaa' });
    const remove = ntfyToIncoming(
      event({ id: 'tombaaaaaaaa', event: 'message_delete', sequence_id: 'backup-1' }),
      context,
    );
    expect(remove).toMatchObject({ op: 'delete', foldKey: 'home/backup-1', cursor: 'tombaaaaaaaa' });
    expect(remove.fields).toBeUndefined();
    const clear = ntfyToIncoming(
      event({ id: 'clraaaaaaaaa', event: 'message_clear', sequence_id: 'backup-1', topic: 'office' }),
      context,
    );
    expect(clear).toMatchObject({ op: 'clear', foldKey: 'office/backup-1' });
  });

  test('lines that are not ntfy events are rejected (and then counted as dropped by the source)', () => {
    for (const line of [
      'not json',
      '[1,2]',
      'null',
      '"text"',
      '{"event":"message"}',
      '{"id":"x","event":"message","time":"soon"}',
      '{"id":"abc","time":1,"event":"message"}',
    ]) {
      expect(parseNtfyLine(line), line).toBeNull();
    }
    expect(parseNtfyLine('{"id":"abc","time":1,"event":"keepalive","topic":"a,b"}')).toMatchObject({
      event: 'keepalive',
    });
    expect(parseNtfyLine('{"id":"abc","time":1,"event":"something_new"}')).toMatchObject({ event: 'something_new' });
  });

  test('a catch-up keeps only the last revision of each sequence, a tombstone, and clears after them', () => {
    const events = [
      event({ id: 'plain1aaaaaa', message: 'plain' }),
      event({ id: 'rev1aaaaaaaa', sequence_id: 's', message: 'rev 1' }),
      event({ id: 'clear1aaaaaa', event: 'message_clear', sequence_id: 's' }),
      event({ id: 'rev2aaaaaaaa', sequence_id: 's', message: 'rev 2' }),
      event({ id: 'gone1aaaaaaa', sequence_id: 'g', message: 'to be deleted' }),
      event({ id: 'other1aaaaaa', sequence_id: 's', topic: 'office', message: 'same sid, other topic' }),
      event({ id: 'tomb1aaaaaaa', event: 'message_delete', sequence_id: 'g' }),
      event({ id: 'clear2aaaaaa', event: 'message_clear', sequence_id: 's' }),
      event({ id: 'byid1aaaaaaa', sequence_id: 'plain1aaaaaa', message: 'update of a message by its id' }),
    ];
    expect(coalesceCatchUp(events).map((e) => e.id)).toEqual([
      'rev2aaaaaaaa',
      'other1aaaaaa',
      'tomb1aaaaaaa',
      'clear2aaaaaa',
      'byid1aaaaaaa',
    ]);
  });
});
