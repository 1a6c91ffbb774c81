// Fake `ipcMain`, `ipcRenderer` and `contextBridge`, wired to each other so a preload test can invoke through
// to the handlers main registered, with the sender frame's URL under the test's control.
import { EventEmitter } from 'node:events';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test helper: an invoke from a frame at `senderUrl` (null: the frame is gone). */
  async invokeFrom(senderUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: senderUrl === null ? null : { url: senderUrl }, sender: {}, processId: 1, frameId: 1 };
    return handler(event, ...args);
  }
}
export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer extends EventEmitter {
  /** The URL of the page this fake renderer runs in; ipcMain sees it as senderFrame.url. */
  pageUrl = 'app://herald/index.html';
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return ipcMain.invokeFrom(this.pageUrl, channel, ...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key))
      throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.exposed.set(key, api);
  }
}
export const contextBridge = new FakeContextBridge();

export function resetIpc(): void {
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.pageUrl = 'app://herald/index.html';
  ipcRenderer.invoked.length = 0;
  contextBridge.exposed.clear();
}
