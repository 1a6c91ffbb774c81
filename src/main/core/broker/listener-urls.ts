// The addresses other devices use to reach the broker: one URL per listener and address. A broker on all
// interfaces is reachable at this computer's every non-internal address (0.0.0.0: IPv4 only; "::": IPv6 too).
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { BrokerListener } from '../../../shared/commands/broker.ts';
import type { BrokerInfo } from '../../../shared/model.ts';
import { LOOPBACK } from './embedded-broker.ts';

type Interfaces = ReturnType<typeof networkInterfaces>;

/** The addresses a broker listening on `host` answers at, this computer's own first. */
export function reachableAddresses(host: string, interfaces: Interfaces = networkInterfaces()): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  const lan = Object.values(interfaces)
    .flatMap((list): NetworkInterfaceInfo[] => list ?? [])
    .filter((entry) => !entry.internal && (host === '::' || entry.family === 'IPv4'))
    .map((entry) => entry.address);
  return [LOOPBACK, ...new Set(lan)];
}

export function listenerUrls(info: BrokerInfo, interfaces?: Interfaces): BrokerListener[] {
  if (!info.running || info.port === null) return [];
  const addresses = reachableAddresses(info.host, interfaces).map((a) => (a.includes(':') ? `[${a}]` : a));
  const secure = info.tls ? 's' : '';
  const listeners: BrokerListener[] = [
    { kind: 'mqtt', port: info.port, urls: addresses.map((a) => `mqtt${secure}://${a}:${info.port}`) },
  ];
  if (info.wsPort) {
    const path = info.wsPath ?? '/mqtt';
    listeners.push({
      kind: 'ws',
      port: info.wsPort,
      urls: addresses.map((a) => `ws${secure}://${a}:${info.wsPort}${path}`),
    });
  }
  return listeners;
}
