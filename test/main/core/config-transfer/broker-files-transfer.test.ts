// The embedded broker's users and ACL travel with a setup export: the ACL in the document, the password file
// only sealed with the secrets; an import writes them into its own data dir and points the broker there,
// never at the exporting machine's paths.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PASSWORD_FILE_SECRET } from '../../../../src/main/core/config-transfer/broker-files.ts';
import { FileSecretStore } from '../../../../src/main/core/settings/file-secret-store.ts';
import type { TestCore } from '../../../helpers/core.ts';
import { call, core } from './transfer-helpers.ts';

const ACL = 'user sensor\ntopic write herald/#\n';

async function origin(): Promise<TestCore> {
  const started = await core();
  await call(started, 'broker.users.set', { username: 'sensor', password: 'sensor secret' });
  await call(started, 'broker.acl.set', { text: ACL });
  return started;
}

const settingsOf = (target: TestCore) =>
  JSON.parse(readFileSync(join(target.dataDir, 'config.json'), 'utf8')) as {
    broker: { aclFile?: string; passwordFile?: string };
  };

describe('broker users and ACL in a setup export', () => {
  test("a plain export carries the ACL, not the users; imported, the ACL is this data dir's", async () => {
    const from = await origin();
    const { document } = await call(from, 'config.export', {});
    expect(JSON.parse(document).brokerFiles).toEqual({ acl: ACL });
    expect(document).not.toContain('$7$');

    const target = await core();
    const { preview, restartNeeded } = await call(target, 'config.import', { document });
    expect(preview.brokerFiles).toEqual(['acl']);
    expect(restartNeeded).toBe(true);
    expect(settingsOf(target).broker.aclFile).toBe(join(target.dataDir, 'broker-acl'));
    expect(readFileSync(join(target.dataDir, 'broker-acl'), 'utf8')).toBe(ACL);
    expect(await call(target, 'broker.acl.get', {})).toEqual({ file: join(target.dataDir, 'broker-acl'), text: ACL });
    // The exporting machine's password file path is not carried over to a file that is not here.
    expect(existsSync(join(target.dataDir, 'broker-passwords'))).toBe(false);
    expect((await call(target, 'broker.users.list', {})).users).toEqual([]);
  });

  test('a sealed export brings the users back as a password file, never as a stored secret', async () => {
    const from = await origin();
    const { document } = await call(from, 'config.export', { passphrase: 'open sesame' });
    expect(document).not.toContain('$7$');

    const target = await core();
    const { preview } = await call(target, 'config.import', { document, passphrase: 'open sesame' });
    expect(preview.brokerFiles).toEqual(['acl', 'users']);
    const passwords = readFileSync(join(target.dataDir, 'broker-passwords'), 'utf8');
    expect(passwords).toMatch(/^sensor:\$7\$/m);
    expect(settingsOf(target).broker.passwordFile).toBe(join(target.dataDir, 'broker-passwords'));
    expect((await call(target, 'broker.users.list', {})).users).toEqual([{ username: 'sensor' }]);
    const store = new FileSecretStore(join(target.dataDir, 'headless-secrets.json'));
    expect(store.get(PASSWORD_FILE_SECRET)).toBeUndefined();
  });

  test("a preview writes nothing, and an import never writes to the exporting machine's files", async () => {
    const from = await origin();
    const { document } = await call(from, 'config.export', {});
    const target = await core();
    const preview = await call(target, 'config.previewImport', { document });
    expect(preview.brokerFiles).toEqual(['acl']);
    expect(existsSync(join(target.dataDir, 'broker-acl'))).toBe(false);
    await call(target, 'config.import', { document });
    expect(settingsOf(target).broker.aclFile?.startsWith(target.dataDir)).toBe(true);
    expect(readFileSync(join(from.dataDir, 'broker-acl'), 'utf8')).toBe(ACL);
  });
});
