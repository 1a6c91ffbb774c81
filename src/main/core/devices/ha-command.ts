// How a Home Assistant entity's command becomes a publish: its command topic, its command template, its qos
// and retain; and the check that an action suits the entity.
import type { HaConfig } from './ha-config.ts';
import { CommandError, type CommandRequest, type Publish } from './entity.ts';

/**
 * Publishes to a command topic, through its command template (given the value and any further variables),
 * with the config's qos and retain.
 */
export function sender(
  config: HaConfig,
  topicKey: string,
  templateKey: string,
): (value: unknown, names?: Record<string, unknown>) => Publish {
  const topic = config.requiredTopic(topicKey);
  const write = config.writer(templateKey);
  const qos = config.qos();
  const retain = config.boolean('retain', false);
  return (value, names) => ({ topic, payload: write(value, names), qos, retain });
}

export function expectAction(request: CommandRequest, allowed: readonly string[], what: string): void {
  if (!allowed.includes(request.action)) {
    throw new CommandError(`${what} takes ${allowed.join(', ')}, not ${request.action}`);
  }
}
