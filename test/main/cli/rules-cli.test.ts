// Rules on the command line, as an admin scripts them: `herald rules check` and `herald serve --rules`, with
// real processes, the embedded broker and mosquitto_pub; the export shows what was decided for each message.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HERALD_BIN, herald, useCliProcesses } from '../../helpers/cli.ts';
import { eventually, tempDir } from '../../helpers/core.ts';
import { mosquittoPub } from '../../helpers/mosquitto.ts';
import { freePort } from '../../helpers/ports.ts';

const { running, dirs } = useCliProcesses();

function rulesFile(document: unknown): string {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir.path, 'rules.json');
  writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document));
  return file;
}

const officeRules = {
  version: 1,
  rules: [
    { name: 'debug noise', match: { topic: 'herald/debug/#' }, action: 'drop' },
    { name: 'heartbeats', match: { topic: 'herald/beat' }, action: 'read' },
    { name: 'night', match: { topic: 'herald/quiet/#' }, action: 'silent' },
    { name: 'hot', match: { topic: 'herald/temp', value: '$.temperature > 30' }, action: 'notify', priority: 5 },
    { name: 'cool', match: { topic: 'herald/temp' }, action: 'silent' },
    { name: 'doorbell', match: { topic: 'herald/door' }, action: 'notify', limit: '1/60s' },
  ],
};

describe('herald rules check', () => {
  test('a valid document: a summary of each rule and exit code 0', () => {
    const result = herald(['rules', 'check', rulesFile(officeRules)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('6 rules, all valid');
    expect(result.stdout).toContain('1. debug noise: topic "herald/debug/#" -> drop');
    expect(result.stdout).toContain('6. doorbell: topic "herald/door" -> notify, limit 1/60s');
  });

  test('an invalid document: every problem by rule and field, and exit code 1', () => {
    const result = herald([
      'rules',
      'check',
      rulesFile({
        version: 1,
        rules: [
          { name: 'ok', action: 'silent' },
          { name: 'night', when: { time: '22:00-25:00' }, action: 'silent' },
          { name: 'loud', match: { priority: '>=9' }, action: 'shout' },
        ],
      }),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the rules were refused');
    expect(result.stderr).toContain('rule 2 "night", when.time: write a time range like "22:00-07:00"');
    expect(result.stderr).toContain('rule 3 "loud", match.priority: write a priority condition like ">=4"');
    expect(result.stderr).toContain('rule 3 "loud", action: action must be one of notify, silent, read, drop');
  });

  test('a file that is not JSON, or missing, is refused with the reason', () => {
    expect(herald(['rules', 'check', rulesFile('{ "version": 1, ')]).stderr).toMatch(/is not JSON/);
    const missing = herald(['rules', 'check', '/nonexistent/rules.json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/rules\.json/);
  });
});

describe('herald serve --rules', () => {
  test('refuses to start on an invalid document, naming the problem', () => {
    const data = tempDir();
    dirs.push(data);
    const result = herald(['serve', '--data-dir', data.path, '--rules', rulesFile({ version: 2, rules: [] })]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('version: version must be 1');
  });

  test('applies the rules to what arrives; the export says what was notified and by which rule', async () => {
    const data = tempDir();
    dirs.push(data);
    const brokerPort = await freePort();
    const child = spawn(
      process.execPath,
      [
        HERALD_BIN,
        'serve',
        '--data-dir',
        data.path,
        '--port',
        '0',
        '--broker-port',
        String(brokerPort),
        '--rules',
        rulesFile(officeRules),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('Herald is running') && resolve());
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    await mosquittoPub(brokerPort, 'herald/debug/x', ['verbose trace'], 1);
    await mosquittoPub(brokerPort, 'herald/beat', ['alive'], 1);
    await mosquittoPub(brokerPort, 'herald/quiet/printer', ['toner low'], 1);
    await mosquittoPub(brokerPort, 'herald/temp', ['{"temperature":35}', '{"temperature":20}'], 1);
    await mosquittoPub(brokerPort, 'herald/door', ['ring 1', 'ring 2'], 1);
    await mosquittoPub(brokerPort, 'herald/hello', ['plain'], 1);

    const rows = await eventually('seven stored messages', () => {
      const lines = herald(['export', '--data-dir', data.path]).stdout.trim().split('\n').filter(Boolean);
      return lines.length === 7 ? lines.map((line) => JSON.parse(line) as Record<string, unknown>) : null;
    });
    const decided = rows.map((row) => [row.topic, row.body, row.notified, row.rule, row.read]);
    expect(decided).toEqual([
      ['herald/beat', 'alive', false, 'heartbeats', true],
      ['herald/quiet/printer', 'toner low', false, 'night', false],
      ['herald/temp', '{"temperature":35}', true, 'hot', false],
      ['herald/temp', '{"temperature":20}', false, 'cool', false],
      ['herald/door', 'ring 1', true, 'doorbell', false],
      ['herald/door', 'ring 2', false, 'doorbell', false],
      ['herald/hello', 'plain', true, null, false],
    ]);
    expect(rows.find((row) => row.body === '{"temperature":35}')).toMatchObject({ priority: 5 });
    expect(rows.some((row) => row.topic === 'herald/debug/x')).toBe(false);
  });
});
