// Reading a command's options in order: `--name value` or `--name=value`. Shared by every herald command.

/** A command line that cannot be run as given: printed with a hint to `herald help`, exit code 2. */
export class UsageError extends Error {}

export function forEachOption(argv: string[], handle: (name: string, value: () => string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    if (!name.startsWith('--')) throw new UsageError(`unexpected argument "${name}"`);
    handle(name, () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    });
  }
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

export function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, not "${raw}"`);
  return n;
}

export function portNumber(raw: string, name: string, allowZero: boolean): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65535) {
    throw new UsageError(`${name} must be a port number${allowZero ? ' (0 for any free port)' : ''}, not "${raw}"`);
  }
  return port;
}
