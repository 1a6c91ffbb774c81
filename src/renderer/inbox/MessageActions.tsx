// A message's action buttons (ntfy actions). Main runs them (`inbox.runAction`): http requests are sent by
// main itself; view and copy come back for the page to open or copy. Broadcast is an Android intent.
import { useState } from 'react';
import type { MessageAction } from '../../shared/model.ts';
import { useClient } from '../transport/connection-context.ts';
import { safeHttpUrl } from './linkify.tsx';
import { errorMessage } from '../../shared/error-message.ts';

interface Outcome {
  label: string;
  text: string;
  failed: boolean;
  /** Text the clipboard refused: shown for copying by hand. */
  manualCopy?: string;
}

export function MessageActions({ messageId, actions }: { messageId: number; actions: MessageAction[] }) {
  const client = useClient();
  const [busy, setBusy] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function run(index: number, action: MessageAction) {
    setBusy(index);
    setOutcome(null);
    try {
      const result = await client.invoke('inbox.runAction', { id: messageId, index });
      setOutcome({ label: action.label, ...(await finish(action, result)) });
    } catch (err) {
      setOutcome({ label: action.label, text: errorMessage(err), failed: true });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="message-actions" role="group" aria-label="Actions">
      <div className="action-buttons">
        {actions.map((action, index) =>
          action.action === 'broadcast' ? (
            // aria-disabled, not disabled: it stays focusable, so the reason can be read and hovered.
            <button key={index} type="button" aria-disabled="true" className="action-unavailable" title="Android only">
              {action.label}
              <span className="visually-hidden"> (Android only)</span>
            </button>
          ) : (
            <button
              key={index}
              type="button"
              disabled={busy !== null}
              title={action.action === 'view' ? action.url : undefined}
              onClick={() => run(index, action)}
            >
              {action.label}
            </button>
          ),
        )}
      </div>
      <p
        className={outcome?.failed ? 'action-outcome failed' : 'action-outcome'}
        role="status"
        data-testid="action-outcome"
      >
        {outcome && `${outcome.label}: ${outcome.text}`}
      </p>
      {outcome?.manualCopy !== undefined && (
        <input
          className="manual-copy"
          readOnly
          value={outcome.manualCopy}
          aria-label="Text to copy"
          onFocus={(e) => e.target.select()}
        />
      )}
    </div>
  );
}

type Result = { status?: number; openUrl?: string; copyText?: string };

async function finish(action: MessageAction, result: Result): Promise<Omit<Outcome, 'label'>> {
  switch (action.action) {
    case 'view': {
      const href = result.openUrl ? safeHttpUrl(result.openUrl) : null;
      if (!href) return { text: 'not opened: only http(s) links are opened', failed: true };
      // In the app the shell's window-open handler hands this to the system browser.
      window.open(href, '_blank', 'noopener,noreferrer');
      return { text: `opened ${href}`, failed: false };
    }
    case 'copy': {
      const text = result.copyText ?? '';
      try {
        if (!navigator.clipboard) throw new Error('no clipboard');
        await navigator.clipboard.writeText(text);
        return { text: 'copied to the clipboard', failed: false };
      } catch {
        return {
          text: 'could not reach the clipboard; select the text below and copy it',
          failed: true,
          manualCopy: text,
        };
      }
    }
    case 'http':
      return { text: result.status !== undefined ? `sent (HTTP ${result.status})` : 'sent', failed: false };
    case 'broadcast':
      return { text: 'Android only', failed: true };
  }
}
