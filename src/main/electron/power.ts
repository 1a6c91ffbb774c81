// Sockets die while the machine sleeps, and a half-open MQTT connection can take a keepalive period to notice.
// Waking up (or unlocking, which often follows a network change) asks the core to reconnect every source now.
import { powerMonitor } from 'electron';
import type { HeraldCore } from '../core/core-api.ts';

export function reconnectOnWake(core: Pick<HeraldCore, 'resume'>): () => void {
  const onWake = () => core.resume();
  powerMonitor.on('resume', onWake);
  powerMonitor.on('unlock-screen', onWake);
  return () => {
    powerMonitor.removeListener('resume', onWake);
    powerMonitor.removeListener('unlock-screen', onWake);
  };
}
