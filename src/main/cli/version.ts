// `herald --version`: the version of the package this command runs from (package.json at the repo root, which
// is also what the app reports), so a script can tell which Herald it drives.
import { readFileSync } from 'node:fs';

const PACKAGE_JSON = new URL('../../../package.json', import.meta.url);

export function heraldVersion(): string {
  const parsed = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}

/** What `--version` prints, on every command. */
export function versionLine(): string {
  return `herald ${heraldVersion()}`;
}

export const asksVersion = (arg: string) => arg === '--version' || arg === '-V';
export const asksHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';
