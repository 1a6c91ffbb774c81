// The update check's commands: its settings (saved through the policy's guard like every other setting) and a
// check on demand, unless an administrator's policy has locked checking off (then Herald asks nobody).
import type { Handlers } from '../../../shared/contract.ts';
import type { Policy } from '../settings/policy.ts';
import type { Settings } from '../settings/schema.ts';
import type { UpdateService } from '../updates/update-service.ts';

export interface UpdatesHandlerDeps {
  settings: () => Settings;
  saveSettings: (settings: Settings) => void;
  updates: UpdateService;
  policy: Policy | null;
}

export function createUpdatesHandlers(
  deps: UpdatesHandlerDeps,
): Pick<Handlers, 'updates.get' | 'updates.configure' | 'updates.check'> {
  return {
    'updates.get': () => deps.updates.view(),
    'updates.configure': (request) => {
      const current = deps.settings();
      deps.saveSettings({ ...current, updates: { ...current.updates, ...request } });
      deps.updates.settingsChanged(current.updates);
      return deps.updates.view();
    },
    'updates.check': () => {
      if (deps.policy?.locks('updates') && !deps.settings().updates.check) {
        throw deps.policy.refusal('the update settings', 'checking for updates is turned off');
      }
      return deps.updates.check();
    },
  };
}
