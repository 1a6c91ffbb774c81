// Electron: the preload exposes `window.herald`, a thin wrapper over ipcRenderer. Nothing to reconnect.
import type { Transport } from '../../shared/client.ts';
import type { Reply } from '../../shared/contract.ts';
import { errorMessage } from '../../shared/error-message.ts';

export interface HeraldPreloadApi {
  invoke(channel: string, payload: unknown): Promise<Reply>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    herald?: HeraldPreloadApi;
  }
}

export function createIpcTransport(api: HeraldPreloadApi): Transport {
  return {
    async invoke(channel, payload) {
      try {
        return await api.invoke(channel, payload);
      } catch (err) {
        // ipcRenderer rejects only when main has no handler or the frame died; make it a readable reply.
        const message = errorMessage(err);
        return { ok: false, error: { code: 'internal', message: `Herald did not answer: ${message}` } };
      }
    },
    subscribe: (listener) => api.subscribe(listener),
  };
}
