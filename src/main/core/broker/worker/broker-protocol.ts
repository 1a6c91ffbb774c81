// The messages between the core and the broker worker (broker-worker.ts), on the worker's own port. The worker
// starts the broker with the options it was given and says so once (started or failed); then it answers the
// Broker page's questions by id, passes on each refused connection and each log line, and stops on close.
import type { BridgeStatus } from '../../../../shared/bridge.ts';
import type { LogLevel, LogRecord } from '../../logging/logger.ts';
import type { BrokerInspection } from '../broker-inspector.ts';
import type { EmbeddedBrokerOptions, RunningBroker } from '../embedded-broker.ts';
import type { RefusedConnection } from '../refused-log.ts';

/** The broker's options less its callbacks, which the worker turns into messages. */
export type WorkerBrokerOptions = Omit<EmbeddedBrokerOptions, 'onRefused' | 'onBridgeChange'>;

export interface BrokerWorkerData {
  /** Plain data only: functions do not cross to a worker. */
  options: WorkerBrokerOptions;
  /** The core's log level, so the worker sends only lines the core would write. */
  logLevel: LogLevel;
}

/** What the core knows of a started broker without asking: RunningBroker less what it asks for. */
export type StartedBroker = Omit<RunningBroker, 'refused' | 'bridge' | 'inspector' | 'close'>;

export type InspectOp = keyof BrokerInspection;

export type BrokerRequest =
  | { id: number; op: InspectOp; args: unknown[] }
  /** Stops the broker (listeners closed, state saved), then the worker exits. */
  | { control: 'close' };

export type BrokerReply =
  | { started: StartedBroker; bridge: BridgeStatus | null }
  /** The broker could not start; `config` says it was refused as configured (BrokerConfigError). */
  | { failed: string; config: boolean }
  | { refused: RefusedConnection }
  | { bridge: BridgeStatus }
  | { log: LogRecord }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string };
