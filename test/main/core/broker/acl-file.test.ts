// Mosquitto's acl_file syntax and what it allows, checked on the parsed file.
import { describe, expect, test } from 'vitest';
import { aclAllows, parseAclFile } from '../../../../src/main/core/broker/acl-file.ts';

const acl = parseAclFile(`
# anonymous clients (before any user line)
topic read public/#

user alice
topic readwrite home/#
topic deny home/secret/#
topic write alerts/alice
topic read $SYS/#

user bob
topic home/+/temperature

pattern readwrite devices/%c/#
pattern read users/%u/inbox
`);
const alice = { username: 'alice', clientId: 'laptop' };
const bob = { username: 'bob', clientId: 'phone' };
const anonymous = { username: undefined, clientId: 'sensor-1' };

describe('acl_file', () => {
  test('topic lines: read, write, readwrite (the default) and deny, per user', () => {
    expect(acl.problems).toEqual([]);
    expect(aclAllows(acl, alice, 'write', 'home/kitchen/light')).toBe(true);
    expect(aclAllows(acl, alice, 'read', 'home/kitchen/light')).toBe(true);
    expect(aclAllows(acl, alice, 'read', 'home/secret/code')).toBe(false);
    expect(aclAllows(acl, alice, 'write', 'alerts/alice')).toBe(true);
    expect(aclAllows(acl, alice, 'read', 'alerts/alice')).toBe(false);
    expect(aclAllows(acl, bob, 'write', 'home/kitchen/temperature')).toBe(true);
    expect(aclAllows(acl, bob, 'read', 'home/kitchen/light')).toBe(false);
    expect(aclAllows(acl, { username: 'carol', clientId: 'c' }, 'read', 'home/x')).toBe(false);
  });

  test('lines before any user apply to anonymous clients only', () => {
    expect(aclAllows(acl, anonymous, 'read', 'public/news')).toBe(true);
    expect(aclAllows(acl, anonymous, 'write', 'public/news')).toBe(false);
    expect(aclAllows(acl, alice, 'read', 'public/news')).toBe(false);
  });

  test('patterns substitute %c and %u, and never apply with a wildcard in the name', () => {
    expect(aclAllows(acl, bob, 'write', 'devices/phone/battery')).toBe(true);
    expect(aclAllows(acl, bob, 'write', 'devices/laptop/battery')).toBe(false);
    expect(aclAllows(acl, anonymous, 'write', 'devices/sensor-1/temp')).toBe(true);
    expect(aclAllows(acl, bob, 'read', 'users/bob/inbox')).toBe(true);
    expect(aclAllows(acl, anonymous, 'read', 'users//inbox')).toBe(false);
    expect(aclAllows(acl, { username: 'bob', clientId: '#' }, 'write', 'devices/x/y')).toBe(false);
  });

  test('a subscription is allowed only when a read entry covers every topic it can match', () => {
    expect(aclAllows(acl, alice, 'read', 'home/#', true)).toBe(true);
    expect(aclAllows(acl, alice, 'read', 'home/+/light', true)).toBe(true);
    expect(aclAllows(acl, alice, 'read', '#', true)).toBe(false);
    expect(aclAllows(acl, bob, 'read', 'home/+/temperature', true)).toBe(true);
    expect(aclAllows(acl, bob, 'read', 'home/#', true)).toBe(false);
    expect(aclAllows(acl, anonymous, 'read', 'public/+', true)).toBe(true);
  });

  test('$SYS is matched only by entries that name it, not by a leading wildcard', () => {
    expect(aclAllows(acl, alice, 'read', '$SYS/broker/uptime')).toBe(true);
    const everything = parseAclFile('user root\ntopic readwrite #');
    expect(aclAllows(everything, { username: 'root', clientId: 'r' }, 'read', '$SYS/broker/uptime')).toBe(false);
    expect(aclAllows(everything, { username: 'root', clientId: 'r' }, 'read', 'any/thing')).toBe(true);
  });

  test('bad lines are reported with their number and skipped', () => {
    const parsed = parseAclFile('user\ntopic read a/#/b\ngrant all\ntopic read ok/#');
    expect(parsed.problems).toEqual([
      'line 1: "user" needs a name',
      'line 2: "a/#/b" is not a valid topic filter',
      'line 3: unknown keyword "grant" (expected user, topic or pattern)',
    ]);
    expect(aclAllows(parsed, anonymous, 'read', 'ok/x')).toBe(true);
  });
});
