// Which topic filters a persistent session on the broker already holds. With clean=false the broker keeps
// the subscriptions across connections, so after CONNACK with sessionPresent Herald only subscribes what is
// new and unsubscribes what the user removed. Subscribing again to an existing filter would make the broker
// resend its retained messages (MQTT 3.1.1 §3.3.1.3), i.e. duplicates in the inbox at every reconnect; and a
// removed filter left in the session would keep delivering. Kept in a small file so this holds across restarts.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TopicSubscription } from '../../../../shared/sources.ts';

interface Remembered {
  url: string;
  clientId: string;
  topics: TopicSubscription[];
}

export interface SubscriptionPlan {
  subscribe: TopicSubscription[];
  unsubscribe: string[];
}

export class SessionSubscriptions {
  private readonly file: string;
  private readonly identity: { url: string; clientId: string };

  /** One file per source; the URL and client id name the session it belongs to. */
  constructor(dataDir: string, sourceId: string, identity: { url: string; clientId: string }) {
    this.file = join(dataDir, `mqtt-session-${sourceId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
    this.identity = identity;
  }

  /** What to send after CONNACK so that the session holds exactly `wanted`. */
  plan(wanted: readonly TopicSubscription[], sessionPresent: boolean): SubscriptionPlan {
    const held = sessionPresent ? this.load() : null;
    if (held === null) return { subscribe: [...wanted], unsubscribe: [] };
    const heldQos = new Map(held.map((t) => [t.filter, t.qos]));
    const wantedFilters = new Set(wanted.map((t) => t.filter));
    return {
      subscribe: wanted.filter((t) => heldQos.get(t.filter) !== t.qos),
      unsubscribe: held.filter((t) => !wantedFilters.has(t.filter)).map((t) => t.filter),
    };
  }

  /** The session now holds `topics` (what the broker granted). A failed write only costs a resubscribe. */
  remember(topics: readonly TopicSubscription[]): void {
    const content: Remembered = { ...this.identity, topics: [...topics] };
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.tmp`;
      writeFileSync(temp, JSON.stringify(content));
      renameSync(temp, this.file);
    } catch {
      // Next time everything is subscribed again: retained messages may then arrive once more.
    }
  }

  private load(): TopicSubscription[] | null {
    try {
      const content = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Remembered>;
      if (content.url !== this.identity.url || content.clientId !== this.identity.clientId) return null;
      return Array.isArray(content.topics) ? content.topics : null;
    } catch {
      return null;
    }
  }
}
