// The Devices page's commands: the discovered devices with their state, a command to one entity, and an alert
// on one (a rule).
import { HeraldError, type Handlers } from '../../../shared/contract.ts';
import { describeRuleProblem } from '../../../shared/rules/schema.ts';
import { alertRule } from '../devices/device-alert.ts';
import type { DeviceRegistry } from '../devices/device-registry.ts';
import type { RulesHost } from '../rules/rules-host.ts';

export interface DevicesHandlerDeps {
  devices: DeviceRegistry;
  rules: RulesHost;
}

type DevicesCommands = 'devices.list' | 'devices.command' | 'devices.alert';

export function createDevicesHandlers(deps: DevicesHandlerDeps): Pick<Handlers, DevicesCommands> {
  return {
    'devices.list': () => deps.devices.list(),
    'devices.command': ({ entityId, action, value, feature }) =>
      deps.devices.command(entityId, {
        action,
        ...(value !== undefined ? { value } : {}),
        ...(feature !== undefined ? { feature } : {}),
      }),
    'devices.alert': ({ entityId, op, value, forMinutes }) => {
      const rule = alertRule(deps.devices.alertTarget(entityId), { op, value, forMinutes });
      const reply = deps.rules.add(rule);
      if (reply.problems.length > 0) {
        throw new HeraldError('invalid_request', reply.problems.map(describeRuleProblem).join('; '));
      }
      return { rule: rule.name };
    },
  };
}
