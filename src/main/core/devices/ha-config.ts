// Typed reads of one expanded discovery config. A field of the wrong type is a ConfigError naming the field,
// which the registry shows on the entity; a missing optional field takes Home Assistant's default.
import { isObject, type Json } from './abbreviations.ts';
import { evaluateTemplate, payloadVariables, renderTemplate, TemplateError } from './template.ts';
import { CommandError, type Availability, type AvailabilityBinding } from './entity.ts';

export class ConfigError extends Error {}

export class HaConfig {
  readonly raw: Json;

  constructor(raw: Json) {
    this.raw = raw;
  }

  string(key: string): string | undefined;
  string(key: string, fallback: string): string;
  string(key: string, fallback?: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'string') return value;
    // HA accepts numbers and booleans for payloads (pl_on: 1) and compares their text.
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new ConfigError(`${key} must be text`);
  }

  topic(key: string): string | undefined {
    const topic = this.string(key);
    if (topic === undefined) return undefined;
    if (topic === '' || topic.includes('+') || topic.includes('#')) throw new ConfigError(`${key} is not a topic`);
    return topic;
  }

  requiredTopic(key: string): string {
    const topic = this.topic(key);
    if (topic === undefined) throw new ConfigError(`${key} is required`);
    return topic;
  }

  number(key: string, fallback: number): number;
  number(key: string): number | undefined;
  number(key: string, fallback?: number): number | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) throw new ConfigError(`${key} must be a number`);
    return number;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') throw new ConfigError(`${key} must be true or false`);
    return value;
  }

  strings(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
      throw new ConfigError(`${key} must be a list of text`);
    }
    return value;
  }

  qos(): 0 | 1 | 2 {
    const qos = this.number('qos', 0);
    if (qos !== 0 && qos !== 1 && qos !== 2) throw new ConfigError('qos must be 0, 1 or 2');
    return qos;
  }

  /** A value template as a reader of payloads; without one the payload text itself. */
  reader(key: string): (payload: string) => unknown {
    const template = this.string(key);
    if (template === undefined) return (payload) => payload;
    return (payload) => evaluateTemplate(template, payloadVariables(payload));
  }

  /** A command template as a writer of payloads (given `value` and any `names`); without one the value as text. */
  writer(key: string): (value: unknown, names?: Record<string, unknown>) => string {
    const template = this.string(key);
    if (template === undefined) return (value) => String(value);
    return (value, names) => {
      try {
        return renderTemplate(template, { value, valueJson: () => undefined, ...(names ? { names } : {}) });
      } catch (err) {
        if (err instanceof TemplateError) throw new CommandError(`${key}: ${err.message}`);
        throw err;
      }
    };
  }

  /** availability_topic (with payload_available/…) or the availability list, and availability_mode. */
  availability(): Availability | undefined {
    const topics: AvailabilityBinding[] = [];
    const single = this.topic('availability_topic');
    if (single !== undefined) topics.push(availabilityBinding(this, single));
    const list = this.raw.availability;
    if (list !== undefined) {
      if (!Array.isArray(list)) throw new ConfigError('availability must be a list');
      list.forEach((entry, i) => {
        if (!isObject(entry)) throw new ConfigError(`availability[${i}] must be an object`);
        const item = new HaConfig(entry);
        topics.push(availabilityBinding(item, item.requiredTopic('topic')));
      });
    }
    if (topics.length === 0) return undefined;
    const mode = this.string('availability_mode', 'latest');
    if (mode !== 'latest' && mode !== 'all' && mode !== 'any') {
      throw new ConfigError('availability_mode must be latest, all or any');
    }
    return { topics, mode };
  }
}

function availabilityBinding(config: HaConfig, topic: string): AvailabilityBinding {
  const online = config.string('payload_available', 'online');
  const offline = config.string('payload_not_available', 'offline');
  const read = config.reader(
    config.raw.availability_template !== undefined ? 'availability_template' : 'value_template',
  );
  return {
    topic,
    read: (payload) => {
      const value = String(read(payload));
      return value === online ? true : value === offline ? false : undefined;
    },
  };
}
