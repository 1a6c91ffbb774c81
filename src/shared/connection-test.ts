// What "Test connection" reports: the steps of reaching a source, in order, each with how long it took and, for
// the one that failed, what went wrong in plain words. The UI, the contract and `herald test-source` share it.
import { z } from 'zod';

export const CONNECTION_STEPS = ['dns', 'tcp', 'tls', 'auth', 'subscribe'] as const;
export const ConnectionStepName = z.enum(CONNECTION_STEPS);
export type ConnectionStepName = z.infer<typeof ConnectionStepName>;

/** What each step is called where people read it. */
export const CONNECTION_STEP_LABELS: Record<ConnectionStepName, string> = {
  dns: 'DNS lookup',
  tcp: 'TCP connect',
  tls: 'TLS handshake',
  auth: 'Authentication',
  subscribe: 'Subscription',
};

export const ConnectionStep = z.object({
  step: ConnectionStepName,
  /** skipped: the step does not apply (no TLS on mqtt://) or could not be tried (no topic given). */
  status: z.enum(['passed', 'failed', 'skipped']),
  /** How long the step took, in milliseconds. */
  ms: z.number().int().min(0),
  /** What was found ("127.0.0.1"), or for a failed step why, in words a person can act on. */
  detail: z.string(),
});
export type ConnectionStep = z.infer<typeof ConnectionStep>;

export const ConnectionTestResult = z.object({
  /** True when no step failed. */
  ok: z.boolean(),
  /** The steps tried, in order; after a failed one nothing else is tried. */
  steps: z.array(ConnectionStep),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

/** One line per step, as `herald test-source` prints it: "TLS handshake  failed  12 ms  unknown CA: …". */
export function describeStep(step: ConnectionStep): string {
  return `${CONNECTION_STEP_LABELS[step.step].padEnd(15)} ${step.status.padEnd(7)} ${`${step.ms} ms`.padStart(8)}  ${step.detail}`;
}
