// A herald command that parses its own options and runs by itself (publish, config, test-source, ...).
// Each lives in its own file under cli/commands/ and is listed once in cli/commands/index.ts.
export interface Subcommand {
  /** The first word on the command line, e.g. "publish". */
  name: string;
  /** Its lines in `herald help`, indented like the others. */
  usage: string;
  /** Runs with the arguments after the name. Throws UsageError for a wrong command line (exit 2). */
  run(argv: string[]): Promise<void>;
}
