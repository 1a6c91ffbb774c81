// Real cores for the setup export/import tests, each on a data dir of its own, stopped after each test; and the
// contract called on them, its value or its refusal.
import { afterEach } from 'vitest';
import { dispatch, type CommandName, type CommandResponse } from '../../../../src/shared/contract.ts';
import { startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function core(): Promise<TestCore> {
  const dir = tempDir();
  const started = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
  cleanups.push(dir.remove, () => started.stop());
  return started;
}

export async function call<C extends CommandName>(
  target: TestCore,
  name: C,
  request: unknown,
): Promise<CommandResponse<C>> {
  const reply = await dispatch(target.core.handlers, name, request);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as CommandResponse<C>;
}

export async function refusal(target: TestCore, name: CommandName, request: unknown): Promise<string> {
  const reply = await dispatch(target.core.handlers, name, request);
  if (reply.ok) throw new Error(`${name} was accepted`);
  return `${reply.error.code}: ${reply.error.message}`;
}
