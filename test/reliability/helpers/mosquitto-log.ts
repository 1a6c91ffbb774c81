// Reads Mosquitto's packet log (log_type all) to tell what the broker did, so a test can separate the
// broker's mistakes from Herald's.

/**
 * QoS 2 PUBLISH packets Mosquitto sent to `clientId` again after it had already sent PUBREL for that packet id
 * (and got no PUBCOMP). MQTT 3.1.1 §4.3.3 / MQTT 5 §4.3.3: once PUBREL is sent the sender MUST NOT re-send the
 * PUBLISH, so each of these may reach the subscriber as a second, new message.
 */
export function publishesResentAfterPubrel(log: readonly string[], clientId: string): number {
  const client = clientId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const publish = new RegExp(`Sending PUBLISH to ${client} \\(d\\d, q2, r\\d, m(\\d+),`);
  const pubrel = new RegExp(`Sending PUBREL to ${client} \\(m(\\d+)\\)`);
  const pubcomp = new RegExp(`Received PUBCOMP from ${client} \\(Mid: (\\d+)`);
  const awaitingPubcomp = new Set<string>();
  let resent = 0;
  for (const line of log) {
    let match = publish.exec(line);
    if (match) {
      if (awaitingPubcomp.delete(match[1]!)) resent++;
      continue;
    }
    match = pubrel.exec(line);
    if (match) {
      awaitingPubcomp.add(match[1]!);
      continue;
    }
    match = pubcomp.exec(line);
    if (match) awaitingPubcomp.delete(match[1]!);
  }
  return resent;
}
