// The one IPC path between the inbox page and the core. Commands arrive on a single invoke channel and go through
// the contract's dispatch (which validates and never throws); events go back on a single event channel.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type Reply } from '../../shared/contract.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc-channels.ts';
import type { HeraldCore } from '../core/core-api.ts';

export interface IpcOptions {
  core: Pick<HeraldCore, 'handlers' | 'onAny'>;
  getWindow(): BrowserWindow | null;
  /** Is this frame URL the app's own page? (app://herald/..., or the dev server in development) */
  isTrustedSender(url: string): boolean;
}

/** Events the shell handles itself instead of forwarding: notifications are shown natively by main. */
const SHELL_ONLY_EVENTS = new Set<string>(['notify']);

export function connectIpc(options: IpcOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, channel: unknown, payload: unknown): Promise<Reply> => {
    // senderFrame is null when the frame navigated away or was destroyed: treat it as foreign.
    const senderUrl = event.senderFrame?.url ?? '';
    if (!options.isTrustedSender(senderUrl)) {
      console.warn(`[herald] refused IPC "${String(channel)}" from ${senderUrl || 'an unknown frame'}`);
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid_request', message: `refused: ${senderUrl || 'unknown sender'} is not the Herald app` },
      });
    }
    return dispatch(options.core.handlers, channel, payload);
  });

  const unsubscribe = options.core.onAny((name, payload) => {
    if (SHELL_ONLY_EVENTS.has(name)) return;
    const window = options.getWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(EVENT_CHANNEL, name, payload);
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
