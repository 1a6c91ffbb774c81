// Which way a topic goes over the bridge, and under which name on the other side. Each configured topic is a
// route: its filter under the local prefix is what this broker forwards up (out, both); under the remote prefix,
// what the bridge subscribes to upstream (in, both). A topic that several routes match goes by the first one,
// as in Mosquitto, so overlapping filters never forward a message twice.
import type { BridgeTopic } from '../../../../shared/bridge.ts';
import { matchesTopic } from '../acl-file.ts';

export interface BridgeRoute {
  readonly topic: BridgeTopic;
  /** The filter on this broker's side, and upstream. */
  readonly localFilter: string;
  readonly remoteFilter: string;
  /** The filters split into levels once, not per message. */
  readonly localLevels: readonly string[];
  readonly remoteLevels: readonly string[];
}

export interface Forward {
  route: BridgeRoute;
  /** The topic's name on the other side. */
  topic: string;
}

export class BridgeRoutes {
  readonly all: readonly BridgeRoute[];
  /** The routes whose messages come down from upstream, and those whose messages go up. */
  readonly inbound: readonly BridgeRoute[];
  readonly outbound: readonly BridgeRoute[];

  constructor(topics: readonly BridgeTopic[]) {
    this.all = topics.map((topic) => {
      const localFilter = topic.localPrefix + topic.filter;
      const remoteFilter = topic.remotePrefix + topic.filter;
      return {
        topic,
        localFilter,
        remoteFilter,
        localLevels: localFilter.split('/'),
        remoteLevels: remoteFilter.split('/'),
      };
    });
    this.inbound = this.all.filter((route) => route.topic.direction !== 'out');
    this.outbound = this.all.filter((route) => route.topic.direction !== 'in');
  }

  /** Where a message that arrived from upstream on `remoteTopic` goes on this broker, or null. */
  down(remoteTopic: string): Forward | null {
    const route = first(this.inbound, remoteTopic, (r) => r.remoteLevels);
    if (!route) return null;
    return { route, topic: route.topic.localPrefix + remoteTopic.slice(route.topic.remotePrefix.length) };
  }

  /** Where a message published on this broker on `localTopic` goes upstream, or null. */
  up(localTopic: string): Forward | null {
    const route = first(this.outbound, localTopic, (r) => r.localLevels);
    if (!route) return null;
    return { route, topic: route.topic.remotePrefix + localTopic.slice(route.topic.localPrefix.length) };
  }
}

function first(
  routes: readonly BridgeRoute[],
  topic: string,
  levelsOf: (route: BridgeRoute) => readonly string[],
): BridgeRoute | null {
  const levels = topic.split('/');
  return routes.find((route) => matchesTopic(levelsOf(route), levels)) ?? null;
}
