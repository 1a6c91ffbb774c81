// Who may connect and what they may do: the aedes hooks. Users come from a Mosquitto password file and/or the
// one user configured in the settings; Herald's own connection is an internal user with a random password made
// for this run; anonymous clients are let in only from loopback, and only while the user keeps that on. With an
// ACL file every user but the internal one is held to it (publish, subscribe and each delivery); without one, a
// user who got in may do anything. No one ever publishes to $SYS.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AedesOptions, AedesPublishPacket, Client } from 'aedes';
import { errorMessage } from '../../../shared/error-message.ts';
import { aclAllows, type AclFile } from './acl-file.ts';
import { CONNACK, isLoopbackAddress, remoteAddressOf, remoteIpOf } from './conformance.ts';
import { verifyPassword, type PasswordFile } from './password-file.ts';

export interface Credentials {
  username: string;
  password: string;
}

export interface BrokerAuthOptions {
  passwordFile?: PasswordFile;
  acl?: AclFile;
  /** The user set in the settings (username and its stored password). */
  configuredUser?: Credentials;
  /** Anonymous clients are let in from loopback addresses (never from elsewhere). */
  anonymousOnLoopback: boolean;
  /** Topics with more levels are refused (SUBACK 0x80, or the publisher is disconnected). */
  maxTopicLevels: number;
  onRefused(address: string, reason: string): void;
}

/** Who a connected client is, once authenticated. */
interface Identity {
  username: string | undefined;
  internal: boolean;
}

export const INTERNAL_USERNAME = 'herald-internal';
const SYS_PREFIX = '$SYS';

export class BrokerAuth {
  /** Herald's own connection's credentials (random for each run; never shown or stored). */
  readonly internal: Credentials = { username: INTERNAL_USERNAME, password: randomBytes(24).toString('base64url') };
  private readonly identities = new WeakMap<Client, Identity>();
  private readonly options: BrokerAuthOptions;

  constructor(options: BrokerAuthOptions) {
    this.options = options;
  }

  /** Whether anyone but anonymous loopback clients can log in (what opening to the LAN requires). */
  get hasUsers(): boolean {
    return Boolean(this.options.configuredUser || this.options.passwordFile);
  }

  readonly authenticate: NonNullable<AedesOptions['authenticate']> = (client, username, password, done) => {
    this.identify(client, username, password).then(
      (refusal) => {
        if (refusal === null) return done(null, true);
        this.options.onRefused(remoteAddressOf(client), refusal);
        done(Object.assign(new Error(refusal), { returnCode: CONNACK.notAuthorized }), false);
      },
      (err: unknown) =>
        done(Object.assign(new Error(errorMessage(err)), { returnCode: CONNACK.serverUnavailable }), false),
    );
  };

  /** Null when the client may connect (and records who it is), else why not. */
  private async identify(client: Client, username?: string, password?: Buffer): Promise<string | null> {
    if (username === undefined || username === '') {
      if (!this.options.anonymousOnLoopback) return 'anonymous access is off';
      if (!isLoopbackAddress(remoteIpOf(client))) return 'anonymous access is allowed only from this computer';
      this.identities.set(client, { username: undefined, internal: false });
      return null;
    }
    const given = password ?? Buffer.alloc(0);
    if (username === this.internal.username) {
      if (!same(given, this.internal.password)) return `wrong password for user "${username}"`;
      this.identities.set(client, { username, internal: true });
      return null;
    }
    const configured = this.options.configuredUser;
    const ok =
      (configured?.username === username && same(given, configured.password)) ||
      (this.options.passwordFile !== undefined && (await verifyPassword(this.options.passwordFile, username, given)));
    if (!ok) return `wrong user name or password (user "${username}")`;
    this.identities.set(client, { username, internal: false });
    return null;
  }

  readonly authorizePublish: NonNullable<AedesOptions['authorizePublish']> = (client, packet, done) => {
    // aedes' own check, which a custom hook replaces: $SYS is the broker's (#597).
    if (packet.topic.startsWith(SYS_PREFIX)) return done(new Error(`${SYS_PREFIX} topics are not writable`));
    if (levelCount(packet.topic) > this.options.maxTopicLevels) return done(new Error('topic has too many levels'));
    if (client === null || this.allowed(client, 'write', packet.topic)) return done(null);
    done(new Error(`not allowed to publish to ${packet.topic}`));
  };

  readonly authorizeSubscribe: NonNullable<AedesOptions['authorizeSubscribe']> = (client, sub, done) => {
    // A null subscription is aedes' way to answer SUBACK 0x80 for this one and keep the connection.
    const refused = (): void => done(null, null);
    if (levelCount(sub.topic) > this.options.maxTopicLevels) return refused();
    if (!this.allowed(client, 'read', sub.topic, true)) return refused();
    done(null, sub);
  };

  /** Each delivery: a subscription to `#` must not carry what the ACL hides from this user. */
  readonly authorizeForward = (client: Client, packet: AedesPublishPacket): AedesPublishPacket | null =>
    this.options.acl === undefined || this.allowed(client, 'read', packet.topic) ? packet : null;

  private allowed(client: Client, access: 'read' | 'write', topic: string, subscribe = false): boolean {
    const acl = this.options.acl;
    const identity = this.identities.get(client);
    if (!identity) return false;
    if (identity.internal || acl === undefined) return true;
    return aclAllows(acl, { username: identity.username, clientId: client.id }, access, topic, subscribe);
  }
}

function same(given: Buffer, expected: string): boolean {
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function levelCount(topic: string): number {
  let levels = 1;
  for (let i = 0; i < topic.length; i++) if (topic.charCodeAt(i) === 47) levels++;
  return levels;
}
