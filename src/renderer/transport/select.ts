// Picks the transport once at start-up: inside Electron the preload provides `window.herald`; anywhere else we
// are a browser tab served by `herald serve` and talk over the WebSocket bridge.
import { createClient } from '../../shared/client.ts';
import { BRIDGE_PATH } from '../../shared/bridge-protocol.ts';
import { alwaysOpen, type Connection, type Link } from './connection.ts';
import { createIpcTransport } from './ipc-transport.ts';
import { createWsTransport, type WsTransport } from './ws-transport.ts';

const TOKEN_KEY = 'herald.token';

export function selectConnection(): Connection {
  if (window.herald) {
    return { mode: 'ipc', client: createClient(createIpcTransport(window.herald)), link: alwaysOpen };
  }
  const token = readToken();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // Without a token we still try: the server's cookie from an earlier visit may be enough.
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const transport = createWsTransport({ url: `${scheme}://${location.host}${BRIDGE_PATH}${query}` });
  return { mode: 'browser', client: createClient(transport), link: transport };
}

/** The retry hook for the banner, when the link supports it. */
export function canRetry(link: Link): link is WsTransport {
  return typeof (link as Partial<WsTransport>).retryNow === 'function';
}

/**
 * The token arrives in the address Herald prints (?token=…). It is kept in sessionStorage so a reload still
 * works if the address loses it, and only for this tab's lifetime.
 */
function readToken(): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  try {
    if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return fromUrl; // storage disabled: the address is all we have
  }
}
