// sources.test through the contract, as the Sources page calls it: a saved source (the embedded default, tested
// where it really listens), a form's values, a form that keeps the saved password, and an unknown id.
import { afterEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../../../src/shared/contract.ts';
import type { ConnectionTestResult } from '../../../../src/shared/connection-test.ts';
import { startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { freePort } from '../../../helpers/ports.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function core(): Promise<TestCore> {
  const dir = tempDir();
  const started = await startTestCore({ dataDir: dir.path, brokerPort: await freePort() });
  cleanups.push(dir.remove, () => started.stop());
  return started;
}

const outline = (result: ConnectionTestResult) => result.steps.map((s) => `${s.step} ${s.status}`).join(', ');

describe('sources.test', () => {
  test('a saved source by id: the embedded default passes every step on the broker it follows', async () => {
    const { core: herald } = await core();
    const reply = await dispatch(herald.handlers, 'sources.test', { id: 'local' });
    expect(reply.ok).toBe(true);
    const result = (reply as { value: ConnectionTestResult }).value;
    expect(outline(result)).toBe('dns passed, tcp passed, tls skipped, auth passed, subscribe passed');
  });

  test("a form's values: a stopped port fails at TCP connect", async () => {
    const { core: herald } = await core();
    const port = await freePort();
    const reply = await dispatch(herald.handlers, 'sources.test', {
      source: { kind: 'mqtt', name: 'x', url: `mqtt://127.0.0.1:${port}`, topics: [{ filter: 'a', qos: 0 }] },
    });
    const result = (reply as { value: ConnectionTestResult }).value;
    expect(result.ok).toBe(false);
    expect(outline(result)).toBe('dns passed, tcp failed');
  });

  test('an unknown id is not_found; neither id nor source is an invalid request', async () => {
    const { core: herald } = await core();
    const unknown = await dispatch(herald.handlers, 'sources.test', { id: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const empty = await dispatch(herald.handlers, 'sources.test', {});
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
