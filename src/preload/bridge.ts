// The object the preload exposes as `window.herald`, shaped like the renderer's Transport: commands by name
// (known names only) and a subscription to events. The raw ipcRenderer and its event objects never reach the
// page (Electron security checklist #20).
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Reply } from '../shared/contract.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/ipc-channels.ts';
import { isKnownCommand } from './command-names.ts';

export type HeraldEventListener = (event: string, payload: unknown) => void;

export interface HeraldBridge {
  invoke(channel: string, payload: unknown): Promise<Reply>;
  subscribe(listener: HeraldEventListener): () => void;
}

export const heraldBridge: HeraldBridge = {
  invoke(channel, payload) {
    if (!isKnownCommand(channel)) {
      // Refused here so a page bug (or injected script) cannot probe main with arbitrary channel names.
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_command', message: `unknown command "${String(channel)}"` },
      });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload) as Promise<Reply>;
  },
  subscribe(listener) {
    if (typeof listener !== 'function') throw new TypeError('subscribe expects a function');
    // Strip the IpcRendererEvent: it carries `sender`, which would hand the page ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};
