// `herald test-source URL`: the Sources page's "Test connection" for scripts and admins. The URL takes the same
// query options as `serve --source`; one line per step, exit 0 when every step passed, 1 when one failed.
import { CONNECTION_STEP_LABELS, describeStep } from '../../../shared/connection-test.ts';
import { SourceSettings, type SecretValues } from '../../../shared/sources.ts';
import { DEFAULT_STEP_TIMEOUT_MS, testConnection } from '../../core/connection-test/connection-test.ts';
import { splitSecrets } from '../../core/settings/types.ts';
import { forEachOption, positive, UsageError } from '../options.ts';
import { finishSource, parseSourceUrl, qosOf, SourceUrlError } from '../source-url.ts';
import type { Subcommand } from '../subcommand.ts';

export const testSourceCommand: Subcommand = {
  name: 'test-source',
  usage: `  herald test-source URL [--topic T]... [--qos 0|1|2] [--username U] [--password-env NAME] [--timeout SECONDS]
      Tests reaching a source step by step (DNS lookup, TCP connect, TLS handshake, authentication,
      subscription) and prints one line per step with how long it took; exits 1 at the first step that fails.
      URL takes serve's --source options (kind=, token=env:NAME, ca=...). Without --topic an MQTT
      subscription is not tested. --password-env names the variable holding the password, so it stays out of
      the process list. --timeout: seconds each step may take (default ${DEFAULT_STEP_TIMEOUT_MS / 1000}).`,
  async run(argv) {
    const [url, ...options] = argv;
    if (url === undefined || url.startsWith('--')) throw new UsageError('test-source needs a URL');
    const target = parseTarget(url, options, process.env);
    const result = await testConnection(target.source, { timeoutMs: target.timeoutMs });
    for (const step of result.steps) console.log(describeStep(step));
    const failed = result.steps.find((step) => step.status === 'failed');
    if (failed) {
      console.error(`herald: the connection test failed at ${CONNECTION_STEP_LABELS[failed.step]}`);
      process.exitCode = 1;
    }
  },
};

interface Target {
  source: { settings: SourceSettings; secrets: SecretValues };
  timeoutMs: number;
}

export function parseTarget(url: string, argv: string[], env: NodeJS.ProcessEnv): Target {
  const pending = usage(() => parseSourceUrl(url, env));
  let timeoutMs = DEFAULT_STEP_TIMEOUT_MS;
  const extra: { username?: string; password?: string } = {};
  forEachOption(argv, (name, value) => {
    if (name === '--topic') pending.topics.push(value());
    else if (name === '--qos') pending.qos = usage(() => qosOf(value()));
    else if (name === '--username') extra.username = value();
    else if (name === '--password-env') {
      const variable = value();
      const password = env[variable];
      if (password === undefined) throw new UsageError(`--password-env ${variable}: ${variable} is not set`);
      extra.password = password;
    } else if (name === '--timeout') timeoutMs = positive(name, value()) * 1000;
    else throw new UsageError(`unknown option ${name} for test-source`);
  });
  if (extra.username !== undefined && pending.source.kind !== 'mqtt' && pending.source.kind !== 'ntfy') {
    throw new UsageError(`--username does not apply to ${pending.source.kind} sources`);
  }
  Object.assign(pending.source, extra);
  // An MQTT connection can be tested without a topic: the subscription step is then skipped.
  const noTopic = pending.source.kind === 'mqtt' && pending.topics.length === 0;
  const finished = usage(() => finishSource(noTopic ? { ...pending, topics: ['#'] } : pending));
  const { config, secrets } = splitSecrets(finished);
  const settings = SourceSettings.parse({ name: new URL(finished.url).host, ...config });
  if (noTopic && settings.kind === 'mqtt') settings.topics = [];
  return { source: { settings, secrets }, timeoutMs };
}

function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof SourceUrlError) throw new UsageError(err.message);
    throw err;
  }
}
