// Sockets die while the machine sleeps, and a half-open connection can take a keepalive period to notice.
// Waking up, unlocking (which often follows a network change) and the network coming back ask the core to
// reconnect every source now and catch up.
import { net, powerMonitor } from 'electron';
import type { HeraldCore } from '../core/core-api.ts';

/** Electron's main process has no online/offline event, only net.isOnline(); poll it this often. */
export const NETWORK_POLL_MS = 5_000;

export function reconnectOnWake(core: Pick<HeraldCore, 'resume'>, pollMs = NETWORK_POLL_MS): () => void {
  const onWake = () => core.resume();
  powerMonitor.on('resume', onWake);
  powerMonitor.on('unlock-screen', onWake);
  // isOnline() is reliable when false, a hint when true: a false → true change means a network came back.
  let wasOnline = net.isOnline();
  const poll = setInterval(() => {
    const online = net.isOnline();
    if (online && !wasOnline) core.resume();
    wasOnline = online;
  }, pollMs);
  poll.unref?.();
  return () => {
    clearInterval(poll);
    powerMonitor.removeListener('resume', onWake);
    powerMonitor.removeListener('unlock-screen', onWake);
  };
}
