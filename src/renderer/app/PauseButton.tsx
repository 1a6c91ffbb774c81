// Pauses desktop notifications (messages still arrive in the inbox). A toggle button, so its pressed state
// is announced.
import { useState } from 'react';
import { useClient } from '../transport/connection-context.ts';
import { errorMessage } from '../../shared/error-message.ts';

export function PauseButton({ paused }: { paused: boolean }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    setError(null);
    try {
      await client.invoke('notifications.setPaused', { paused: !paused });
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <>
      <button type="button" aria-pressed={paused} onClick={toggle}>
        {paused ? 'Notifications paused' : 'Pause notifications'}
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
