// The self-contained herald commands, in the order `herald help` lists them after serve/export/search/rules.
import type { Subcommand } from '../subcommand.ts';
import { configCommand } from './config.ts';
import { testSourceCommand } from './test-source.ts';
import { publishCommand } from './publish.ts';
import { diagnosticsCommand } from './diagnostics.ts';

export const SUBCOMMANDS: readonly Subcommand[] = [
  testSourceCommand,
  publishCommand,
  configCommand,
  diagnosticsCommand,
];

export function findSubcommand(name: string | undefined): Subcommand | undefined {
  return SUBCOMMANDS.find((command) => command.name === name);
}
