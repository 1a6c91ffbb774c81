// The embedded broker's users and ACL in a setup export. They live in Mosquitto's own files, not in the
// settings, so the export carries their contents: the ACL in the document (rules about topics, no secret), the
// password file with the secrets (its hashes are credentials: sealed with the passphrase, or left out). An
// import writes what the document carries into this data dir's own files and points the settings there: a path
// named on the exporting machine (/etc/mosquitto/acl) means nothing here, and is never overwritten.
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from '../atomic-file.ts';
import { brokerFilePaths, DEFAULT_ACL_FILE, DEFAULT_PASSWORD_FILE } from '../broker/broker-control.ts';
import { join } from 'node:path';
import type { Settings } from '../settings/schema.ts';

/** The password file's text among a document's (sealed) secrets; never written to the secret store. */
export const PASSWORD_FILE_SECRET = 'broker:password-file';
/** Larger files are not what a home or office broker has; refusing them keeps a document sane. */
export const MAX_BROKER_FILE_CHARS = 1024 * 1024;

export interface BrokerFileTexts {
  acl: string | null;
  passwords: string | null;
}

/** The contents of the files the broker reads with these settings; null for a file that is not there. */
export function readBrokerFiles(settings: Settings, dataDir: string): BrokerFileTexts {
  const paths = brokerFilePaths(settings.broker, dataDir);
  return { acl: readIfThere(paths.aclFile), passwords: readIfThere(paths.passwordFile) };
}

/**
 * The settings as exported: a file that is this data dir's own (where the Broker page keeps users and ACL) is
 * not named, since it means "the data dir's", wherever that is; a file the user named elsewhere stays named.
 */
export function portableSettings(settings: Settings, dataDir: string): Settings {
  const broker = { ...settings.broker };
  if (broker.aclFile === join(dataDir, DEFAULT_ACL_FILE)) delete broker.aclFile;
  if (broker.passwordFile === join(dataDir, DEFAULT_PASSWORD_FILE)) delete broker.passwordFile;
  return { ...settings, broker };
}

/**
 * Writes what an import brings (the ACL, the users) into this data dir's own files and returns the settings
 * pointing at them; a file the document does not carry is left as the settings name it.
 */
export function writeBrokerFiles(settings: Settings, texts: BrokerFileTexts, dataDir: string): Settings {
  const broker = { ...settings.broker };
  if (texts.acl !== null && texts.acl.trim() === '') {
    // An empty ACL is none at all (everyone who logs in may read and write), as on the Broker page.
    delete broker.aclFile;
  } else if (texts.acl !== null) {
    broker.aclFile = join(dataDir, DEFAULT_ACL_FILE);
    writeFileAtomically(broker.aclFile, withNewline(texts.acl));
  }
  if (texts.passwords !== null) {
    broker.passwordFile = join(dataDir, DEFAULT_PASSWORD_FILE);
    writeFileAtomically(broker.passwordFile, withNewline(texts.passwords));
  }
  return { ...settings, broker };
}

function readIfThere(path: string): string | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  if (text.length > MAX_BROKER_FILE_CHARS) {
    throw new Error(`${path} is larger than ${MAX_BROKER_FILE_CHARS} characters; it cannot be exported`);
  }
  return text;
}

function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
