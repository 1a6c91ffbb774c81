// The packaged app, checked where the Electron runtime cannot be downloaded: electron-builder packs the build
// (`--dir`, with a placeholder standing in for the Electron distribution) exactly as a release would, and
// app.asar must hold the built app and the packages main needs at run time, and nothing else: no sources,
// tests or tooling, no development dependency, within a size budget. The release commands are in the README.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { unpackedPath } from '../../src/main/electron/unpacked.ts';
import mqtt from 'mqtt';
import { WorkerWrites } from '../../src/main/core/store/writer/worker-writes.ts';
import { startBrokerWorker } from '../../src/main/core/broker/worker/worker-broker.ts';
import { tempDir } from '../helpers/core.ts';
import { newMessage } from '../helpers/inbox.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BUILDER = join(REPO, 'node_modules', 'electron-builder', 'cli.js');
const asar = createRequire(import.meta.url)('@electron/asar') as {
  listPackage(file: string): string[];
  extractFile(file: string, inner: string): Buffer;
};
/** Where Electron's binary keeps its fuses (@electron/fuses' SENTINEL). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** What the budget allows app.asar to weigh (the Electron runtime itself is not in it). */
const ASAR_BUDGET_BYTES = 24 * 1024 * 1024;
/** The packages the main process loads at run time (the renderer's are bundled into its own files). */
const RUNTIME = ['mqtt', 'aedes', 'ws', 'zod', 'fflate', 'pngjs', 'selfsigned'];

const dir = tempDir('herald-package-');
afterAll(() => dir.remove());

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUILDER, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.once('error', fail);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

test(
  'app.asar holds the built app and its run-time packages, nothing else; the fuses are set',
  { timeout: 180_000 },
  async (ctx) => {
    if (!existsSync(join(REPO, 'out', 'main', 'index.js'))) return ctx.skip('out/ is not built: run `npm run build`');
    // A stand-in for the Electron distribution electron-builder would download: copied, never run. It carries a
    // fuse wire as Electron's binary does (sentinel, version 1, 8 fuses at Electron's defaults), so the fuses the
    // configuration sets are really flipped, and read back below.
    const dist = join(dir.path, 'electron-dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nexit 0\n${FUSE_SENTINEL}\x01\x0810110001\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const output = join(dir.path, 'dist');
    const built = await run(['--dir', '--linux', `-c.electronDist=${dist}`, `-c.directories.output=${output}`]);
    expect(built.code, built.output).toBe(0);

    const file = join(output, 'linux-unpacked', 'resources', 'app.asar');
    const entries = asar.listPackage(file).map((entry) => entry.replaceAll('\\', '/'));
    for (const needed of [
      '/out/main/index.js',
      '/out/main/inbox-writer.js',
      '/out/main/broker-worker.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
    ]) {
      expect(entries).toContain(needed);
    }
    const topLevel = new Set(entries.map((entry) => entry.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    expect(entries.filter((entry) => /^\/out\/.*\.ts$/.test(entry))).toEqual([]);

    const modules = new Set(
      entries.flatMap((entry) => {
        const match = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(entry);
        return match ? [match[1]!] : [];
      }),
    );
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    // What ships is `dependencies`: exactly what main loads at run time (bundled code is a development dependency).
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...RUNTIME].sort());
    // Type packages are let through: some run-time packages (mqtt) list @types/* among their own dependencies.
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => !name.startsWith('@types/'));
    expect(devOnly.filter((name) => modules.has(name))).toEqual([]);
    for (const name of RUNTIME) expect(modules, name).toContain(name);

    // The writer worker and its chunks are outside the archive, where a worker thread can be started from.
    const unpacked = join(output, 'linux-unpacked', 'resources', 'app.asar.unpacked', 'out', 'main');
    expect(existsSync(join(unpacked, 'inbox-writer.js'))).toBe(true);
    const workerImports = [
      ...readFileSync(join(unpacked, 'inbox-writer.js'), 'utf8').matchAll(/from "\.\/(chunks\/[^"]+)"/g),
    ];
    for (const [, chunk] of workerImports) expect(existsSync(join(unpacked, chunk!)), chunk).toBe(true);
    expect(
      unpackedPath(join(output, 'linux-unpacked', 'resources', 'app.asar', 'out', 'main', 'inbox-writer.js')),
    ).toBe(join(unpacked, 'inbox-writer.js'));

    // And it runs from there on its own (node built-ins only, no package.json beside it): a batch is committed.
    const writes = await WorkerWrites.start(join(dir.path, 'inbox.sqlite'), {
      workerUrl: pathToFileURL(join(unpacked, 'inbox-writer.js')),
    });
    try {
      expect((await writes.applyBatch([newMessage('from the packaged worker')])).results[0]).toMatchObject({
        preview: 'from the packaged worker',
      });
    } finally {
      await writes.close();
    }

    // The broker worker too, with the packages it imports unpacked beside it: a client connects and counts.
    expect(existsSync(join(unpacked, 'broker-worker.js'))).toBe(true);
    const broker = await startBrokerWorker(
      { port: 0, host: '127.0.0.1' },
      { workerUrl: pathToFileURL(join(unpacked, 'broker-worker.js')) },
    );
    try {
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { reconnectPeriod: 0 });
      await client.publishAsync('herald/packaged', 'hello', { qos: 1 });
      await client.endAsync();
      for (let i = 0; i < 100 && (await broker.inspector.counters()).in < 1; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect((await broker.inspector.counters()).in).toBe(1);
    } finally {
      await broker.close();
    }

    const binary = readFileSync(join(output, 'linux-unpacked', 'herald'), 'latin1');
    const wire = binary.slice(binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2).slice(0, 8);
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, inspector flags off, asar integrity on, asar only.
    expect(wire.slice(0, 6)).toBe('010011');

    const packaged = JSON.parse(asar.extractFile(file, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(packaged).toMatchObject({ main: 'out/main/index.js', desktopName: 'herald.desktop' });
    const size = statSync(file).size;
    console.log(
      `app.asar: ${(size / 1024 / 1024).toFixed(1)} MiB, ${entries.length} entries, ${modules.size} packages`,
    );
    expect(size).toBeLessThan(ASAR_BUDGET_BYTES);
  },
);
