import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { NotificationRequest } from '../../../src/shared/model.ts';
import { createStubCore } from './stub-core.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
const fake = await import('./fake-electron.ts');
const { showNotifications } = await import('../../../src/main/electron/notifications.ts');

const request = (overrides: Partial<NotificationRequest> = {}): NotificationRequest => ({
  title: 'Disk full',
  body: 'server-1: /var at 98%',
  priority: 3,
  messageId: 42,
  sourceId: 'local',
  count: 1,
  ...overrides,
});

function setup() {
  const core = createStubCore();
  const shownWindow: number[] = [];
  const controller = showNotifications({ core, showWindow: () => shownWindow.push(1) });
  return { core, controller, shownWindow };
}

beforeEach(() => {
  fake.resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('native notifications', () => {
  test('shows a notify event with its title and body', () => {
    const { core } = setup();
    core.emit('notify', request());
    expect(fake.Notification.instances).toHaveLength(1);
    const [notification] = fake.Notification.instances;
    expect(notification!.shown).toBe(true);
    expect(notification!.options).toMatchObject({ title: 'Disk full', body: 'server-1: /var at 98%' });
  });

  test.each([
    [5, 'critical', false],
    [4, 'normal', false],
    [3, 'normal', false],
  ])('priority %i → urgency %s, silent %s', (priority, urgency, silent) => {
    const { core } = setup();
    core.emit('notify', request({ priority }));
    expect(fake.Notification.instances[0]!.options).toMatchObject({ urgency, silent });
  });

  test('priority 5 is critical, stays until dismissed and has sound', () => {
    const { core } = setup();
    core.emit('notify', request({ priority: 5 }));
    expect(fake.Notification.instances[0]!.options).toMatchObject({
      urgency: 'critical',
      timeoutType: 'never',
      silent: false,
    });
  });

  test('priority 4 has sound and the default timeout', () => {
    const { core } = setup();
    core.emit('notify', request({ priority: 4 }));
    const { options } = fake.Notification.instances[0]!;
    expect(options).toMatchObject({ urgency: 'normal', silent: false });
    expect(options).not.toHaveProperty('timeoutType');
  });

  test.each([2, 1])('priority %i without a rule shows none (inbox only)', (priority) => {
    const { core, controller } = setup();
    core.emit('notify', request({ priority }));
    expect(fake.Notification.instances).toHaveLength(0);
    expect(controller.active.size).toBe(0);
  });

  test.each([2, 1])('priority %i with a rule shows a silent, low-urgency notification', (priority) => {
    const { core } = setup();
    core.emit('notify', request({ priority, rule: 'garden sensors' }));
    expect(fake.Notification.instances).toHaveLength(1);
    expect(fake.Notification.instances[0]!.shown).toBe(true);
    expect(fake.Notification.instances[0]!.options).toMatchObject({ urgency: 'low', silent: true });
  });

  test('keeps each notification referenced until it is closed, clicked or fails (GC pitfall)', () => {
    const { core, controller } = setup();
    core.emit('notify', request({ messageId: 1 }));
    core.emit('notify', request({ messageId: 2 }));
    core.emit('notify', request({ messageId: 3 }));
    const [first, second, third] = fake.Notification.instances;
    expect(controller.active.size).toBe(3);
    first!.close();
    expect(controller.active.has(first as never)).toBe(false);
    expect(controller.active.size).toBe(2);
    second!.click();
    third!.fail('unsigned app');
    expect(controller.active.size).toBe(0);
  });

  test('a click shows the window and opens that message', () => {
    const { core, shownWindow } = setup();
    const opened: unknown[] = [];
    core.on('ui.openMessage', (payload) => opened.push(payload));
    core.emit('notify', request({ messageId: 42 }));
    fake.Notification.instances[0]!.click();
    expect(shownWindow).toHaveLength(1);
    expect(core.opened).toEqual([42]);
    expect(opened).toEqual([{ id: 42 }]);
  });

  test('a burst summary (no messageId) opens the inbox without a message', () => {
    const { core } = setup();
    core.emit('notify', request({ messageId: undefined, count: 12, title: '12 new messages' }));
    fake.Notification.instances[0]!.click();
    expect(core.opened).toEqual([undefined]);
  });

  test('does nothing where notifications are not supported', () => {
    fake.Notification.supported = false;
    const { core, controller } = setup();
    core.emit('notify', request());
    expect(fake.Notification.instances).toHaveLength(0);
    expect(controller.active.size).toBe(0);
  });

  test('ignores other events and stops after dispose', () => {
    const { core, controller } = setup();
    core.emit('inbox.changed', { added: [], addedCount: 1, unread: 1, total: 1 });
    controller.dispose();
    core.emit('notify', request());
    expect(fake.Notification.instances).toHaveLength(0);
  });
});
