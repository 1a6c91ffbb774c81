// An administrator's policy (docs/policy.md) as the UI sees it: which file it came from and what it locks.
import { z } from 'zod';

/** Parts of the setup a policy can lock as a whole (a single source is locked by its own `locked`). */
export const POLICY_LOCKS = ['sources', 'rules', 'notifications', 'inbox', 'broker', 'updates'] as const;
export const PolicyLock = z.enum(POLICY_LOCKS);
export type PolicyLock = z.infer<typeof PolicyLock>;

export const PolicyView = z.object({
  /** The policy file in force. */
  file: z.string(),
  /** Locked parts: the UI shows them read-only and the core refuses changes to them. */
  lock: z.array(PolicyLock),
});
export type PolicyView = z.infer<typeof PolicyView>;
