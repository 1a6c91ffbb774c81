// The test ntfy server in its own process for the catch-up benchmark, so serving the backlog does not share the
// measured event loop. Prints "ready <port>"; then each line "publish TOPIC COUNT" on stdin publishes COUNT
// cached messages and answers "published"; it serves until stdin closes.
import { createInterface } from 'node:readline';
import { NtfyTestServer } from '../test/helpers/ntfy-server.ts';

const server = await NtfyTestServer.start();
console.log(`ready ${server.port}`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, topic = 'bench', count = '0'] = line.trim().split(/\s+/);
  if (command !== 'publish') return;
  for (let n = 0; n < Number(count); n++) {
    server.publish(topic, { title: `Alert ${n}`, message: `Sensor ${n % 50} reported value ${n}`, priority: 3 });
  }
  console.log('published');
});
lines.on('close', () => void server.stop().then(() => process.exit(0)));
