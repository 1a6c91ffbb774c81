// A real Herald core on a temp data dir, as `herald serve` composes it, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../src/shared/contract.ts';
import type { EphemeralSource, HeraldCore } from '../../src/main/core/core-api.ts';
import { createHeraldCore } from '../../src/main/core/herald-core.ts';
import { FileSecretStore } from '../../src/main/core/settings/file-secret-store.ts';
import { JsonSettingsRepo } from '../../src/main/core/settings/json-settings-repo.ts';

export interface TestCore {
  core: HeraldCore;
  dataDir: string;
  events: { event: EventName; payload: unknown }[];
  eventsOf<E extends EventName>(event: E): EventPayload<E>[];
  stop(): Promise<void>;
}

export function tempDir(prefix = 'herald-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function startTestCore(options: {
  dataDir: string;
  brokerPort?: number | 'off';
  extraSources?: EphemeralSource[];
  policyFile?: string;
  /** The desktop's languages; English unless a test says otherwise, whatever this machine's locale. */
  systemLanguages?: readonly string[];
}): Promise<TestCore> {
  const core = await createHeraldCore({
    dataDir: options.dataDir,
    settings: new JsonSettingsRepo(join(options.dataDir, 'config.json')),
    secrets: new FileSecretStore(join(options.dataDir, 'headless-secrets.json')),
    brokerPort: options.brokerPort,
    extraSources: options.extraSources,
    policyFile: options.policyFile,
    systemLanguages: options.systemLanguages ?? ['en-US'],
  });
  const events: TestCore['events'] = [];
  core.onAny((event, payload) => events.push({ event, payload }));
  return {
    core,
    dataDir: options.dataDir,
    events,
    eventsOf: <E extends EventName>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
    stop: () => core.stop(),
  };
}

/** Polls until `check` returns a truthy value; fails after `timeoutMs` with `what` in the message. */
export async function eventually<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<Exclude<T, null | undefined | false | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as Exclude<T, null | undefined | false | 0 | ''>;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}
