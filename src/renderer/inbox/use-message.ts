// Loads one message for the detail pane and marks it read once it is shown.
import { useEffect, useRef, useState } from 'react';
import type { MessageDetail } from '../../shared/model.ts';
import { useClient } from '../transport/connection-context.ts';
import { errorMessage } from '../../shared/error-message.ts';

export type MessageLoad =
  | { status: 'idle' }
  | { status: 'loading'; id: number }
  | { status: 'loaded'; detail: MessageDetail }
  | { status: 'missing'; id: number }
  | { status: 'failed'; id: number; error: string };

export function useMessage(id: number | null, onMarkedRead: (id: number, unread: number) => void): MessageLoad {
  const client = useClient();
  const [load, setLoad] = useState<MessageLoad>({ status: 'idle' });
  // The parent's callback may change identity; it must not reload the message, only be current when called.
  const markedRead = useRef(onMarkedRead);
  markedRead.current = onMarkedRead;

  useEffect(() => {
    if (id === null) {
      setLoad({ status: 'idle' });
      return;
    }
    let live = true;
    setLoad({ status: 'loading', id });
    client.invoke('inbox.get', { id }).then(
      (detail) => {
        if (!live) return;
        if (!detail) {
          setLoad({ status: 'missing', id });
          return;
        }
        setLoad({ status: 'loaded', detail });
        if (!detail.read) {
          client.invoke('inbox.markRead', { ids: [id] }).then(
            ({ unread }) => markedRead.current(id, unread),
            () => {}, // not fatal: the message stays unread and the next open tries again
          );
        }
      },
      (err: unknown) => live && setLoad({ status: 'failed', id, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [client, id]);

  return load;
}
