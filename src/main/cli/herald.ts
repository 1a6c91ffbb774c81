// `herald` command line: the headless host of the core. Composes core + web server (serve) or reads the inbox
// (export). Every failure ends in one clear line, never a stack trace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebServer, type RunningWebServer } from '../core/bridge/web-server.ts';
import { createHeraldCore } from '../core/herald-core.ts';
import { FileSecretStore } from '../core/settings/file-secret-store.ts';
import { JsonSettingsRepo } from '../core/settings/json-settings-repo.ts';
import { policyFileLocation } from '../core/settings/policy.ts';
import { parseArgs, UsageError, usageOf, type ServeArgs } from './args.ts';
import { findSubcommand } from './commands/index.ts';
import { brokerLines } from './broker-args.ts';
import { writeDiscovery } from './discovery.ts';
import { defaultDataDir } from './data-dir.ts';
import { exportInbox, searchInbox } from './export.ts';
import { checkRulesFile, summariseRules } from './rules-file.ts';
import { asksHelp, asksVersion, heraldVersion, versionLine } from './version.ts';
import type { RulesDocument } from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';

export const RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

async function serve(args: ServeArgs): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new UsageError(`the web UI is not built (${RENDERER_DIR} is missing); run "npm run build" first`);
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  let rules: RulesDocument | undefined;
  if (args.rules !== undefined) {
    const checked = checkRulesFile(args.rules);
    if (!checked.ok) throw new RulesRefused(args.rules, checked.problems);
    rules = checked.document;
  }
  const core = await createHeraldCore({
    rules,
    dataDir,
    settings: new JsonSettingsRepo(join(dataDir, 'config.json')),
    secrets: new FileSecretStore(join(dataDir, 'headless-secrets.json')),
    brokerPort: args.brokerPort,
    brokerOverrides: args.broker,
    extraSources: args.sources,
    version: heraldVersion(),
    policyFile: policyFileLocation(),
  });
  // An unsafe broker configuration (open to the LAN without authentication) stops serve: exit code 2, and why.
  const brokerRefusal = core.getState().broker.refusal;
  if (brokerRefusal) {
    await core.stop();
    throw new UsageError(`the embedded broker refused to start: ${brokerRefusal}`);
  }
  let web: RunningWebServer;
  try {
    web = await startWebServer({ core, rendererDir: RENDERER_DIR, host: args.host, port: args.port }).catch((err) => {
      // The default port being busy is no reason to fail; an explicit one is.
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE' && args.port !== 0) {
        console.error(`herald: port ${args.port} is taken, using another one`);
        return startWebServer({ core, rendererDir: RENDERER_DIR, host: args.host, port: 0 });
      }
      throw err;
    });
  } catch (err) {
    await core.stop();
    throw err;
  }
  const { broker } = core.getState();
  for (const line of brokerLines(broker)) console.error(line);
  console.error(`herald: data in ${dataDir}`);
  // `herald publish` and friends find this Herald's bridge through this file (0600, removed on exit).
  const removeDiscovery = writeDiscovery(dataDir, new URL(web.url).origin, web.token);
  process.once('exit', removeDiscovery);
  console.log(`Herald is running at ${web.url}`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    removeDiscovery();
    await web.close();
    await core.stop();
    process.exit(0);
  };
  const onSignal = () => {
    shutdown().catch((err: unknown) => {
      console.error(`herald: stopping failed: ${errorMessage(err)}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The headless twin of the OS waking up: reconnect everything now and catch up.
  process.on('SIGUSR2', () => core.resume());
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  // --version anywhere answers at once, so a script can ask any command line which Herald it runs.
  if (argv.some(asksVersion)) {
    console.log(versionLine());
    return;
  }
  const subcommand = findSubcommand(name);
  if (subcommand && !rest.some(asksHelp)) {
    await subcommand.run(rest);
    return;
  }
  const args = parseArgs(argv);
  if (args.command === 'help') {
    console.log(usageOf(args.of));
    return;
  }
  if (args.command === 'export') {
    await exportInbox(args.dataDir ?? defaultDataDir(), process.stdout, args.filters, args.format);
    return;
  }
  if (args.command === 'search') {
    await searchInbox(args.dataDir ?? defaultDataDir(), process.stdout, args.filters, args.limit);
    return;
  }
  if (args.command === 'rules-check') {
    const checked = checkRulesFile(args.file);
    if (!checked.ok) throw new RulesRefused(args.file, checked.problems);
    console.log(summariseRules(checked.document).join('\n'));
    return;
  }
  await serve(args);
}

/** A rules file that does not validate: every problem on its own line, exit code 1. */
class RulesRefused extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}: the rules were refused:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`herald: ${err.message}`);
  if (err instanceof UsageError) console.error(`Run "herald help" for usage.`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
});
