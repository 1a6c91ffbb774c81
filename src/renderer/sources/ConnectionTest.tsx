// "Test connection": a button and, once run, the steps of reaching the source (DNS, TCP, TLS, authentication,
// subscription) with how long each took and, for the one that failed, why in plain words (in the UI's language
// where the cause is a common one, see cause-text.ts).
import { useState } from 'react';
import type { ConnectionStepName, ConnectionTestResult } from '../../shared/connection-test.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT, type MessageKey } from '../i18n/i18n.ts';
import { causeText } from '../status/cause-text.ts';

interface ConnectionTestProps {
  /** Runs the test; rejects when it could not be run at all (e.g. the form does not validate). */
  run(): Promise<ConnectionTestResult | null>;
  /** The source's name, for the button's accessible name. */
  name: string;
}

const STEP_LABEL: Record<ConnectionStepName, MessageKey> = {
  dns: 'sources.step.dns',
  tcp: 'sources.step.tcp',
  tls: 'sources.step.tls',
  auth: 'sources.step.auth',
  subscribe: 'sources.step.subscribe',
};

const STATUS_WORD = {
  passed: 'sources.stepStatus.passed',
  failed: 'sources.stepStatus.failed',
  skipped: 'sources.stepStatus.skipped',
} as const;

export function ConnectionTest({ run, name }: ConnectionTestProps) {
  const t = useT();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function test() {
    setTesting(true);
    setError(null);
    setResult(null);
    try {
      setResult(await run());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setTesting(false);
    }
  }

  return (
    <div className="connection-test">
      <button
        type="button"
        onClick={test}
        disabled={testing}
        aria-label={name ? t('sources.test.named', { name }) : t('sources.test.button')}
      >
        {testing ? t('sources.test.testing') : t('sources.test.button')}
      </button>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <ol className="connection-steps" aria-label={t('sources.test.steps')} data-ok={result.ok}>
          {result.steps.map((step) => (
            <li key={step.step} className={`connection-step ${step.status}`} data-step={step.step}>
              <span className="step-name">{t(STEP_LABEL[step.step])}</span>
              <span className="step-status">{t(STATUS_WORD[step.status])}</span>
              <span className="step-ms">{step.status === 'skipped' ? '' : `${step.ms} ms`}</span>
              <span className="step-detail">{causeText(step.detail, t)}</span>
            </li>
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status">
        {result ? t(result.ok ? 'sources.test.passed' : 'sources.test.failed') : ''}
      </p>
    </div>
  );
}
