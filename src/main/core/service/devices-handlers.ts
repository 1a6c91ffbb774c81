// The Devices page's commands: the discovered devices with their state, and a command to one entity.
import type { Handlers } from '../../../shared/contract.ts';
import type { DeviceRegistry } from '../devices/device-registry.ts';

export interface DevicesHandlerDeps {
  devices: DeviceRegistry;
}

type DevicesCommands = 'devices.list' | 'devices.command';

export function createDevicesHandlers(deps: DevicesHandlerDeps): Pick<Handlers, DevicesCommands> {
  return {
    'devices.list': () => deps.devices.list(),
    'devices.command': ({ entityId, action, value, feature }) =>
      deps.devices.command(entityId, {
        action,
        ...(value !== undefined ? { value } : {}),
        ...(feature !== undefined ? { feature } : {}),
      }),
  };
}
