// Browser mode follows the desktop policy as far as the Web Notifications API goes.
import { describe, expect, test } from 'vitest';
import type { NotificationRequest } from '../../../src/shared/model.ts';
import { webNotificationOptions } from '../../../src/renderer/notifications/use-web-notifications.ts';

const request = (overrides: Partial<NotificationRequest> = {}): NotificationRequest => ({
  title: 'Disk full',
  body: 'server-1: /var at 98%',
  priority: 3,
  messageId: 42,
  sourceId: 'local',
  count: 1,
  ...overrides,
});

describe('web notification options', () => {
  test('priority 5 stays until dismissed, with sound', () => {
    expect(webNotificationOptions(request({ priority: 5 }))).toEqual({
      body: 'server-1: /var at 98%',
      tag: 'herald-42',
      requireInteraction: true,
      silent: false,
    });
  });

  test.each([4, 3])('priority %i is shown as any notification', (priority) => {
    expect(webNotificationOptions(request({ priority }))).toEqual({ body: 'server-1: /var at 98%', tag: 'herald-42' });
  });

  test.each([2, 1])('priority %i without a rule is not shown', (priority) => {
    expect(webNotificationOptions(request({ priority }))).toBeNull();
  });

  test.each([2, 1])('priority %i with a rule is shown silently', (priority) => {
    expect(webNotificationOptions(request({ priority, rule: 'garden' }))).toMatchObject({ silent: true });
  });

  test('tags: one per message, one per source burst, one for a catch-up summary', () => {
    expect(webNotificationOptions(request({ messageId: undefined }))?.tag).toBe('herald-burst-local');
    expect(webNotificationOptions(request({ messageId: undefined, sourceId: '' }))?.tag).toBe('herald-summary');
  });
});
