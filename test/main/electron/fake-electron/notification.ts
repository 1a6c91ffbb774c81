// Fake `Notification`: records what was shown and lets tests click it or make it fail.
import { EventEmitter } from 'node:events';
import { FakeEvent } from './event.ts';

export class Notification extends EventEmitter {
  static supported = true;
  static instances: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly options: Record<string, unknown>;
  shown = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
    this.emit('show', new FakeEvent());
  }
  close(): void {
    this.emit('close', new FakeEvent());
  }
  /** Test helper: the user clicked it. */
  click(): void {
    this.emit('click', new FakeEvent());
  }
  fail(error: string): void {
    this.emit('failed', new FakeEvent(), error);
  }
}
