// Which way a topic goes over the bridge and under which name, and how a message that went up is known when
// it comes back.
import { describe, expect, it } from 'vitest';
import { BridgeTopic } from '../../../../../src/shared/bridge.ts';
import { BridgeRoutes } from '../../../../../src/main/core/broker/bridge/bridge-routes.ts';
import { EchoGuard } from '../../../../../src/main/core/broker/bridge/echo-guard.ts';

const routes = (...topics: Partial<BridgeTopic>[]) => new BridgeRoutes(topics.map((t) => BridgeTopic.parse(t)));

describe('bridge routes', () => {
  it('maps a topic between the local and the remote prefix, both ways', () => {
    const r = routes({ filter: 'sensors/#', localPrefix: 'far/', remotePrefix: 'home/' });
    expect(r.down('home/sensors/t')?.topic).toBe('far/sensors/t');
    expect(r.up('far/sensors/t')?.topic).toBe('home/sensors/t');
    expect(r.down('sensors/t')).toBeNull();
    expect(r.up('sensors/t')).toBeNull();
  });

  it('sends a topic only the ways its route allows', () => {
    const r = routes({ filter: 'in/#', direction: 'in' }, { filter: 'out/#', direction: 'out' });
    expect(r.down('in/a')).not.toBeNull();
    expect(r.up('in/a')).toBeNull();
    expect(r.up('out/a')).not.toBeNull();
    expect(r.down('out/a')).toBeNull();
  });

  it('takes the first route that matches, so overlapping filters forward once', () => {
    const r = routes({ filter: 'a/+', remotePrefix: 'first/' }, { filter: 'a/#', remotePrefix: 'second/' });
    expect(r.up('a/b')?.topic).toBe('first/a/b');
    expect(r.up('a/b/c')?.topic).toBe('second/a/b/c');
    expect(r.up('a/b')?.route).toBe(r.all[0]);
  });

  it('never forwards $SYS topics for a filter that starts with a wildcard', () => {
    const r = routes({ filter: '#' });
    expect(r.up('$SYS/broker/uptime')).toBeNull();
    expect(r.up('anything/else')).not.toBeNull();
  });

  it('refuses prefixes with wildcards or without a closing "/"', () => {
    expect(() => BridgeTopic.parse({ filter: '#', remotePrefix: 'home' })).toThrow(/a prefix ends with/);
    expect(() => BridgeTopic.parse({ filter: '#', localPrefix: 'a/+/' })).toThrow(/cannot contain/);
    expect(() => BridgeTopic.parse({ filter: 'a/#/b' })).toThrow(/invalid/);
  });
});

describe('the echo guard', () => {
  it('passes over as many returning copies as were sent up, then lets the same message through', () => {
    const guard = new EchoGuard();
    const payload = Buffer.from('21.5');
    guard.sentUp('t', payload);
    guard.sentUp('t', payload);
    expect(guard.isEcho('t', Buffer.from('21.5'))).toBe(true);
    expect(guard.isEcho('t', Buffer.from('21.5'))).toBe(true);
    expect(guard.isEcho('t', Buffer.from('21.5'))).toBe(false);
  });

  it('tells apart other topics and other payloads, long ones too', () => {
    const guard = new EchoGuard();
    const long = Buffer.alloc(1000, 1);
    guard.sentUp('t', long);
    expect(guard.isEcho('u', long)).toBe(false);
    expect(guard.isEcho('t', Buffer.alloc(1000, 2))).toBe(false);
    expect(guard.isEcho('t', Buffer.alloc(1000, 1))).toBe(true);
  });

  it('forgets what went up more than ten seconds ago', () => {
    let now = 0;
    const guard = new EchoGuard(() => now);
    guard.sentUp('t', Buffer.from('x'));
    now = 10_001;
    expect(guard.isEcho('t', Buffer.from('x'))).toBe(false);
  });
});
