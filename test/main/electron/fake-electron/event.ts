// Electron's preventable event object, shared by every fake that emits one (app, windows, notifications).
export class FakeEvent {
  defaultPrevented = false;
  [key: string]: unknown;
  constructor(props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}
