// "Test connection": a button and, once run, the steps of reaching the source (DNS, TCP, TLS, authentication,
// subscription) with how long each took and, for the one that failed, why in plain words.
import { useState } from 'react';
import { CONNECTION_STEP_LABELS, type ConnectionTestResult } from '../../shared/connection-test.ts';
import { errorMessage } from '../../shared/error-message.ts';

interface ConnectionTestProps {
  /** Runs the test; rejects when it could not be run at all (e.g. the form does not validate). */
  run(): Promise<ConnectionTestResult | null>;
  /** The source's name, for the button's accessible name. */
  name: string;
}

const STATUS_WORD = { passed: 'passed', failed: 'failed', skipped: 'skipped' } as const;

export function ConnectionTest({ run, name }: ConnectionTestProps) {
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
        aria-label={name ? `Test connection to ${name}` : 'Test connection'}
      >
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <ol className="connection-steps" aria-label="Connection test" data-ok={result.ok}>
          {result.steps.map((step) => (
            <li key={step.step} className={`connection-step ${step.status}`} data-step={step.step}>
              <span className="step-name">{CONNECTION_STEP_LABELS[step.step]}</span>
              <span className="step-status">{STATUS_WORD[step.status]}</span>
              <span className="step-ms">{step.status === 'skipped' ? '' : `${step.ms} ms`}</span>
              <span className="step-detail">{step.detail}</span>
            </li>
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status">
        {result ? (result.ok ? 'Connection test passed' : 'Connection test failed') : ''}
      </p>
    </div>
  );
}
