// The note on a page (or a part of it) that an administrator's policy locks; the core refuses changes to it in
// any case, this says so before the user tries.
import type { PolicyLock, PolicyView } from '../../shared/policy.ts';
import { useT } from '../i18n/i18n.ts';

/** Whether the policy in force locks `part`. */
export function policyLocks(policy: PolicyView | null | undefined, part: PolicyLock): boolean {
  return policy?.lock.includes(part) === true;
}

export function PolicyNotice({ policy, part }: { policy: PolicyView | null | undefined; part: PolicyLock }) {
  const t = useT();
  if (!policy || !policyLocks(policy, part)) return null;
  return (
    <p className="policy-notice" role="note" data-policy-lock={part}>
      <span aria-hidden="true">🔒 </span>
      {t('policy.locked', { file: policy.file })}
    </p>
  );
}
