// The administration commands: "Test connection" on a saved source or on a form's values, and moving the whole
// setup in and out (config.export / previewImport / import).
import { HeraldError, type Handlers } from '../../../shared/contract.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { SECRET_FIELDS, SourceSettings, type SecretValues } from '../../../shared/sources.ts';
import {
  collectSecrets,
  exportSetup,
  ImportRefused,
  readSetup,
  type Setup,
} from '../config-transfer/config-document.ts';
import { portableSettings, readBrokerFiles, writeBrokerFiles } from '../config-transfer/broker-files.ts';
import { previewImport, secretWrites, setupUnderPolicy } from '../config-transfer/import-plan.ts';
import { WrongPassphraseError } from '../config-transfer/secret-box.ts';
import { testConnection } from '../connection-test/connection-test.ts';
import type { RulesHost } from '../rules/rules-host.ts';
import type { Policy } from '../settings/policy.ts';
import type { Settings } from '../settings/schema.ts';
import { splitSecrets, type SecretStore } from '../settings/types.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';

export interface AdminHandlerDeps {
  /** The administrator's policy: what it locks is kept as it is by an import. */
  policy: Policy | null;
  sources: SourceRegistry;
  secrets: SecretStore;
  rules: RulesHost;
  settings: () => Settings;
  saveSettings: (settings: Settings) => void;
  /** Where the embedded broker's own users and ACL files are (an import writes those it brings there). */
  dataDir: string;
}

type AdminCommands = 'sources.test' | 'config.export' | 'config.previewImport' | 'config.import';

export function createAdminHandlers(deps: AdminHandlerDeps): Pick<Handlers, AdminCommands> {
  /** A document that cannot be imported is the user's to fix: an invalid request, with the reason. */
  const read = (document: string, passphrase: string | undefined) => {
    try {
      return readSetup(document, passphrase);
    } catch (err) {
      if (err instanceof ImportRefused || err instanceof WrongPassphraseError) {
        throw new HeraldError('invalid_request', errorMessage(err));
      }
      throw err;
    }
  };

  const setupHere = (document: string, passphrase: string | undefined): Setup =>
    setupUnderPolicy(deps.policy, deps.settings(), read(document, passphrase));
  const preview = (setup: Setup) => previewImport(deps.settings(), setup, deps.policy);

  return {
    'sources.test': async (request) => {
      const saved = request.id === undefined ? undefined : deps.sources.get(request.id);
      if (request.id !== undefined && !saved) throw new HeraldError('not_found', `source ${request.id} not found`);
      const savedUrl = saved ? deps.sources.views().find((view) => view.id === request.id)?.url : undefined;
      if (!request.source) {
        // A saved source is tested where it really connects: the embedded default follows the broker's port.
        return testConnection({
          settings: SourceSettings.parse({ ...saved!.config, url: savedUrl ?? saved!.config.url }),
          secrets: saved!.secrets,
        });
      }
      const { config, secrets } = splitSecrets(request.source);
      // A form leaves a stored secret blank (undefined keeps it); '' means it is being removed.
      const merged: SecretValues = {};
      for (const field of SECRET_FIELDS) {
        const value = secrets[field] ?? saved?.secrets[field];
        if (value) merged[field] = value;
      }
      return testConnection({ settings: SourceSettings.parse(config), secrets: merged });
    },
    'config.export': (request) => {
      const settings = deps.settings();
      const secrets = request.passphrase === undefined ? {} : collectSecrets(settings, deps.secrets);
      const brokerFiles = readBrokerFiles(settings, deps.dataDir);
      const portable = portableSettings(settings, deps.dataDir);
      return { document: exportSetup(portable, secrets, { passphrase: request.passphrase, brokerFiles }) };
    },
    'config.previewImport': (request) => preview(setupHere(request.document, request.passphrase)),
    'config.import': async (request) => {
      const setup = setupHere(request.document, request.passphrase);
      const current = deps.settings();
      const plan = preview(setup);
      // Secrets first: a source restarted below reads them from the store.
      for (const [key, value] of secretWrites(current, setup)) deps.secrets.set(key, value);
      deps.saveSettings(writeBrokerFiles(setup.settings, setup.brokerFiles, deps.dataDir));
      const incoming = new Set(setup.settings.sources.map((source) => source.id));
      for (const source of current.sources) if (!incoming.has(source.id)) await deps.sources.remove(source.id);
      const before = new Map(current.sources.map((source) => [source.id, JSON.stringify(source)]));
      for (const source of setup.settings.sources) {
        const unchanged = before.get(source.id) === JSON.stringify(source) && setup.secrets === null;
        if (!unchanged) await deps.sources.put(source);
      }
      // Through the rules host, so the engine in force follows at once.
      deps.rules.set(setup.settings.rules);
      return { preview: plan, restartNeeded: plan.settings.includes('broker') || plan.brokerFiles.length > 0 };
    },
  };
}
