// `herald config export` and `herald config import FILE`: the whole setup of a data dir as one versioned JSON
// document, for backups and for setting up many desktops alike. Secrets go out only sealed with a passphrase
// (HERALD_CONFIG_PASSPHRASE, or asked for on a terminal); an import shows what it adds, changes and removes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeImportPreview } from '../../../shared/commands/admin.ts';
import { describeIssues } from '../../../shared/contract.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import {
  collectSecrets,
  exportSetup,
  PassphraseNeeded,
  readSetup,
} from '../../core/config-transfer/config-document.ts';
import { previewImport, secretWrites, setupUnderPolicy } from '../../core/config-transfer/import-plan.ts';
import { loadPolicy, policyFileLocation } from '../../core/settings/policy.ts';
import { FileSecretStore } from '../../core/settings/file-secret-store.ts';
import { JsonSettingsRepo } from '../../core/settings/json-settings-repo.ts';
import { migrateSettings } from '../../core/settings/migrations.ts';
import { defaultSettings, Settings } from '../../core/settings/schema.ts';
import { defaultDataDir } from '../data-dir.ts';
import { forEachOption, UsageError } from '../options.ts';
import type { Subcommand } from '../subcommand.ts';
import { askPassphrase } from '../passphrase.ts';
import { portableSettings, readBrokerFiles, writeBrokerFiles } from '../../core/config-transfer/broker-files.ts';

export const SETTINGS_FILE = 'config.json';
export const SECRETS_FILE = 'headless-secrets.json';
export const PASSPHRASE_ENV = 'HERALD_CONFIG_PASSPHRASE';

export const configCommand: Subcommand = {
  name: 'config',
  usage: `  herald config export [--data-dir DIR] [--output FILE] [--with-secrets]
      Writes the whole setup (sources, rules, broker, notifications, inbox and publish settings) as a versioned
      JSON document to stdout or FILE. Secrets (passwords, tokens, keys) are left out unless --with-secrets:
      then they are encrypted (scrypt + AES-256-GCM) with the passphrase in ${PASSPHRASE_ENV}, or one asked
      for on a terminal. Headless secrets only: the app keeps its own in the OS keyring.
  herald config import FILE [--dry-run] [--data-dir DIR]
      Replaces the data dir's setup with FILE's and prints what it adds (+), changes (~) and removes (-);
      --dry-run prints that and changes nothing. Sources kept by id keep their saved secrets. A file from a
      newer Herald or with a wrong passphrase is refused and nothing is changed. Stop Herald on that data dir
      first: a running Herald keeps its own copy of the settings.`,
  async run(argv) {
    const [action, ...rest] = argv;
    if (action === 'export') return exportConfig(rest);
    if (action === 'import') return importConfig(rest);
    throw new UsageError(
      action
        ? `unknown config command "${action}"; use export or import`
        : 'use "herald config export" or "herald config import FILE"',
    );
  },
};

async function exportConfig(argv: string[]): Promise<void> {
  let dataDir: string | undefined;
  let output: string | undefined;
  let withSecrets = false;
  forEachOption(argv, (name, value) => {
    if (name === '--data-dir') dataDir = value();
    else if (name === '--output') output = value();
    else if (name === '--with-secrets') withSecrets = true;
    else throw new UsageError(`unknown option ${name} for config export`);
  });
  const dir = dataDir ?? defaultDataDir();
  const settings = readSettings(join(dir, SETTINGS_FILE));
  if (settings === null) throw new Error(`no settings in ${dir} (${SETTINGS_FILE} is missing)`);
  let passphrase: string | undefined;
  let secrets: Record<string, string> = {};
  if (withSecrets) {
    passphrase = await passphraseFor('a passphrase to encrypt the secrets with', true);
    secrets = collectSecrets(settings, new FileSecretStore(join(dir, SECRETS_FILE)));
  }
  const brokerFiles = readBrokerFiles(settings, dir);
  const document = exportSetup(portableSettings(settings, dir), secrets, { passphrase, brokerFiles });
  if (output === undefined) process.stdout.write(document);
  // A file with sealed secrets is still only as private as its passphrase: readable by the user alone.
  else writeFileSync(output, document, { mode: 0o600 });
  console.error(
    `herald: exported ${settings.sources.length} source${settings.sources.length === 1 ? '' : 's'} and ` +
      `${settings.rules.rules.length} rule${settings.rules.rules.length === 1 ? '' : 's'}` +
      (withSecrets ? `, ${Object.keys(secrets).length} secret(s) encrypted` : ', no secrets'),
  );
}

async function importConfig(argv: string[]): Promise<void> {
  const [file, ...options] = argv;
  if (file === undefined || file.startsWith('--')) throw new UsageError('config import needs a FILE');
  let dataDir: string | undefined;
  let dryRun = false;
  forEachOption(options, (name, value) => {
    if (name === '--data-dir') dataDir = value();
    else if (name === '--dry-run') dryRun = true;
    else throw new UsageError(`unknown option ${name} for config import`);
  });
  const dir = dataDir ?? defaultDataDir();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}`, {
      cause: err,
    });
  }
  const read = await withPassphrase((passphrase) => readSetup(text, passphrase));
  const settingsFile = join(dir, SETTINGS_FILE);
  // What the administrator's policy locks stays as it says (Herald would put it back at its next start anyway).
  const load = loadPolicy(policyFileLocation());
  if ('warning' in load && load.warning) console.error(`herald: ${load.warning}`);
  const saved = readSettings(settingsFile) ?? defaultSettings();
  const current = load.policy ? load.policy.apply(saved).settings : saved;
  const setup = setupUnderPolicy(load.policy, current, read);
  const preview = previewImport(current, setup, load.policy);
  console.log(describeImportPreview(preview).join('\n'));
  if (dryRun) {
    console.error('herald: dry run, nothing was changed');
    return;
  }
  const secrets = new FileSecretStore(join(dir, SECRETS_FILE));
  for (const [key, value] of secretWrites(current, setup)) secrets.set(key, value);
  new JsonSettingsRepo(settingsFile).save(writeBrokerFiles(setup.settings, setup.brokerFiles, dir));
  console.error(`herald: imported into ${dir}`);
}

/** The data dir's settings, read without changing anything; null when there are none yet. */
export function readSettings(file: string): Settings | null {
  if (!existsSync(file)) return null;
  let parsed;
  try {
    parsed = Settings.safeParse(migrateSettings(JSON.parse(readFileSync(file, 'utf8'))).document);
  } catch (err) {
    throw new Error(
      `the settings in ${file} cannot be read (${errorMessage(err)}); start Herald once to set them aside`,
      { cause: err },
    );
  }
  if (!parsed.success) throw new Error(`the settings in ${file} are invalid (${describeIssues(parsed.error)})`);
  return parsed.data;
}

/** Reads without a passphrase first; asks for one only when the document holds sealed secrets. */
async function withPassphrase<T>(read: (passphrase: string | undefined) => T): Promise<T> {
  const fromEnv = process.env[PASSPHRASE_ENV] || undefined;
  try {
    return read(fromEnv);
  } catch (err) {
    if (!(err instanceof PassphraseNeeded)) throw err;
    return read(await passphraseFor('the passphrase of this export', false));
  }
}

async function passphraseFor(what: string, confirm: boolean): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError(`${what} is needed: set ${PASSPHRASE_ENV} (no terminal to ask on)`);
  }
  const passphrase = await askPassphrase(`Enter ${what}: `);
  if (passphrase === '') throw new UsageError('the passphrase is empty');
  if (confirm && (await askPassphrase('Repeat it: ')) !== passphrase) throw new UsageError('the passphrases differ');
  return passphrase;
}
