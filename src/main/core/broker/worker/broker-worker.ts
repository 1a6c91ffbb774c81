// The broker worker: runs the embedded broker (embedded-broker.ts) on a thread of its own, so a burst of broker
// traffic never holds up the core's loop (sources, ingest, notifications, UI), and the core's work never holds
// up the broker. Herald's own sources reach it over loopback like any client. Its log lines and refused
// connections go to the core, which writes them where its own go.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../../../shared/error-message.ts';
import { addLogSink, configureLogging } from '../../logging/logger.ts';
import { BrokerConfigError, startEmbeddedBroker, type RunningBroker } from '../embedded-broker.ts';
import type { BrokerReply, BrokerRequest, BrokerWorkerData, StartedBroker } from './broker-protocol.ts';

const port = parentPort!;
const { options, logLevel } = workerData as BrokerWorkerData;
const reply = (message: BrokerReply) => port.postMessage(message);

configureLogging({ level: logLevel, writer: () => {} });
addLogSink((record) => reply({ log: record }));

let broker: RunningBroker;
try {
  broker = await startEmbeddedBroker({
    ...options,
    onRefused: (refused) => reply({ refused }),
    onBridgeChange: (bridge) => reply({ bridge }),
  });
} catch (err) {
  reply({ failed: errorMessage(err), config: err instanceof BrokerConfigError });
  process.exit(1);
}
reply({ started: startedOf(broker), bridge: broker.bridge() });

let closing = false;
port.on('message', (request: BrokerRequest) => {
  if ('control' in request) {
    if (closing) return;
    closing = true;
    // Exiting frees the ports even if closing failed halfway.
    void broker.close().finally(() => process.exit(0));
    return;
  }
  const inspect = broker.inspector[request.op] as (...args: unknown[]) => Promise<unknown>;
  inspect.apply(broker.inspector, request.args).then(
    (value) => reply({ id: request.id, ok: true, value }),
    (err: unknown) => reply({ id: request.id, ok: false, error: errorMessage(err) }),
  );
});

function startedOf(running: RunningBroker): StartedBroker {
  const { refused: _refused, bridge: _bridge, inspector: _inspector, close: _close, ...facts } = running;
  return facts;
}
