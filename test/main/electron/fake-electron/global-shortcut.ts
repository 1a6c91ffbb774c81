// Fake `globalShortcut`: records registrations and lets a test press an accelerator as the OS would. An
// accelerator another application holds (`taken`) fails to register, as Electron's does, returning false.

class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  /** Accelerators held by other applications. */
  readonly taken = new Set<string>();

  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
  unregisterAll(): void {
    this.registered.clear();
  }
  /** Test helper: the user presses the shortcut anywhere on the desktop. */
  press(accelerator: string): void {
    const callback = this.registered.get(accelerator);
    if (!callback) throw new Error(`no global shortcut ${accelerator} is registered`);
    callback();
  }
  reset(): void {
    this.registered.clear();
    this.taken.clear();
  }
}

export const globalShortcut = new FakeGlobalShortcut();
