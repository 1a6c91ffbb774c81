// Retained publishes and a subscriber that collects what Herald sends, both with the real mosquitto-clients.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Publishes one retained message (an empty payload clears the topic's retained message). */
export function publishRetained(port: number, topic: string, payload: string): Promise<void> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-r', '-q', '1'];
  return run('mosquitto_pub', payload === '' ? [...args, '-n'] : [...args, '-s'], payload);
}

export function publish(port: number, topic: string, payload: string, retain = false): Promise<void> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', '1', '-s', ...(retain ? ['-r'] : [])];
  return run('mosquitto_pub', args, payload);
}

function run(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}

/** mosquitto_sub on `filter`, collecting "topic payload" lines; ready once the broker confirmed the subscription. */
export async function subscribe(port: number, filter: string) {
  const lines: string[] = [];
  // Line-buffered: mosquitto_sub's debug lines (SUBACK) would otherwise wait in a pipe buffer.
  const child = spawn(
    'stdbuf',
    ['-oL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', String(port), '-t', filter, '-v', '-d'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  let buffer = '';
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => (subscribed = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline;
    while ((newline = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.startsWith('Client ') && line.includes('SUBACK')) subscribed();
      else if (!line.startsWith('Client ') && !line.startsWith('Subscribed')) lines.push(line);
    }
  });
  await ready;
  return {
    lines,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export interface HaFixture {
  configs: { topic: string; payload: unknown }[];
}
