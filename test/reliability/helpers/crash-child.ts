// A Herald MQTT source in its own process, for tests that SIGKILL it at a chosen moment. It stops one step
// short and says so on stdout; the parent then kills it:
//   before-commit  the first message was handed to the pipeline, nothing is committed ("handed")
//   after-commit   the first message is committed, its PUBACK/PUBCOMP is not sent ("committed")
// Usage: node crash-child.ts URL DATA_DIR MODE QOS CLIENT_ID
import { mqttConfig, startSource } from './source-harness.ts';

const [url, dataDir, mode, qos, clientId] = process.argv.slice(2);
if (!url || !dataDir || (mode !== 'before-commit' && mode !== 'after-commit') || !clientId) {
  console.error('usage: crash-child.ts URL DATA_DIR before-commit|after-commit QOS CLIENT_ID');
  process.exit(2);
}
const never = new Promise<never>(() => {});
const h = startSource(
  mqttConfig({ url, clientId, clean: false, topics: [{ filter: 'crash/#', qos: Number(qos) as 1 | 2 }] }),
  {
    dataDir,
    sink: async (message, commit) => {
      if (mode === 'before-commit') {
        console.log('handed');
        return never;
      }
      await commit(message);
      console.log('committed');
      return never;
    },
  },
);
const waitConnected = setInterval(() => {
  if (h.source.status.state !== 'connected') return;
  clearInterval(waitConnected);
  console.log('connected');
}, 10);
