// The Publish page's data from main: the recent publishes (fetched when the page is shown, after each send and
// whenever a source's queue changes, since a queued publish settles later), the saved buttons, and topic
// suggestions for what is being typed.
import { useCallback, useEffect, useState } from 'react';
import type { PublishHistoryEntry, SavedButton } from '../../shared/publish.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';

export function useHistory(active: boolean, queueKey: string) {
  const client = useClient();
  const { epoch } = useLinkStatus();
  const [entries, setEntries] = useState<PublishHistoryEntry[]>([]);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!active || epoch === 0) return;
    let live = true;
    client.invoke('publish.history', {}).then(
      (reply) => live && setEntries(reply.entries),
      () => {}, // the list stays as it was; the connection banner tells why
    );
    return () => {
      live = false;
    };
  }, [client, epoch, active, queueKey, reloads]);
  return { entries, reload: useCallback(() => setReloads((n) => n + 1), []) };
}

export function useButtons(active: boolean) {
  const client = useClient();
  const { epoch } = useLinkStatus();
  const [buttons, setButtons] = useState<SavedButton[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!active || epoch === 0) return;
    let live = true;
    client.invoke('publish.buttons.list', {}).then(
      (reply) => {
        if (!live) return;
        setButtons(reply.buttons);
        setError(null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [client, epoch, active, reloads]);
  return { buttons, error, reload: useCallback(() => setReloads((n) => n + 1), []) };
}

/** Topics seen that start with what is typed, for the topic field's suggestions. */
export function useTopicSuggestions(sourceId: string, prefix: string): string[] {
  const client = useClient();
  const [topics, setTopics] = useState<string[]>([]);
  useEffect(() => {
    if (!sourceId) return;
    let live = true;
    // A short pause, so typing a topic costs one request rather than one per key.
    const timer = setTimeout(() => {
      client.invoke('publish.topics', { sourceId, prefix, limit: 50 }).then(
        (reply) => live && setTopics(reply.topics),
        () => {},
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, sourceId, prefix]);
  return topics;
}
