// The self-contained herald commands, in the order `herald help` lists them after serve/export/search/rules.
import type { Subcommand } from '../subcommand.ts';

export const SUBCOMMANDS: readonly Subcommand[] = [];

export function findSubcommand(name: string | undefined): Subcommand | undefined {
  return SUBCOMMANDS.find((command) => command.name === name);
}
