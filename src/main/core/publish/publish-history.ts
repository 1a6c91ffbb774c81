// The last publishes, newest first, for the Publish panel to show and repeat. A small JSON file in the data
// dir (not the settings: it changes at every publish), written atomically; an unreadable file starts empty.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  HISTORY_SIZE,
  MAX_HISTORY_PAYLOAD,
  PublishHistoryEntry,
  type PublishRequest,
} from '../../../shared/publish.ts';
import { logger } from '../logging/logger.ts';

export const HISTORY_FILE = 'publish-history.json';

type Outcome = Pick<PublishHistoryEntry, 'outcome' | 'error' | 'note'>;

export class PublishHistory {
  private readonly file: string;
  private entries: PublishHistoryEntry[];
  private nextId: number;

  constructor(file: string) {
    this.file = file;
    this.entries = load(file);
    this.nextId = this.entries.reduce((max, entry) => Math.max(max, Number(entry.id) || 0), 0) + 1;
  }

  list(): PublishHistoryEntry[] {
    return this.entries;
  }

  /** Keeps a publish; returns its id, to settle a queued one later. */
  add(request: PublishRequest, outcome: Outcome, buttonId?: string): string {
    const id = String(this.nextId++);
    const truncated = request.payload.length > MAX_HISTORY_PAYLOAD;
    const entry: PublishHistoryEntry = {
      id,
      at: Date.now(),
      sourceId: request.sourceId,
      topic: request.topic,
      payload: truncated ? request.payload.slice(0, MAX_HISTORY_PAYLOAD) : request.payload,
      ...(truncated ? { truncated } : {}),
      qos: request.qos,
      retain: request.retain,
      ...withoutUndefined(outcome),
      ...(buttonId !== undefined ? { buttonId } : {}),
    };
    this.entries = [entry, ...this.entries].slice(0, HISTORY_SIZE);
    this.save();
    return id;
  }

  /** A queued publish went out (or failed) later. */
  settle(id: string, outcome: Outcome): void {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index === -1) return;
    const { error: _error, note: _note, ...rest } = this.entries[index]!;
    this.entries = this.entries.map((entry, i) => (i === index ? { ...rest, ...withoutUndefined(outcome) } : entry));
    this.save();
  }

  private save(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(this.entries), { mode: 0o600 });
      renameSync(temp, this.file);
    } catch (err) {
      // The publish itself happened; only its line in the history is not kept across a restart.
      logger('publish').warn(`the publish history could not be saved to ${this.file}`, err);
    }
  }
}

function load(file: string): PublishHistoryEntry[] {
  try {
    const parsed = z.array(PublishHistoryEntry).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.slice(0, HISTORY_SIZE) : [];
  } catch {
    return [];
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
