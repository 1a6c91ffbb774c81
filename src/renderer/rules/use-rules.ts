// The rules in force (rules.get), fetched when the page is shown and on every (re)connect, and saved as a
// whole document (rules.set). A refused document changes nothing: the reply's problems are handed back.
import { useCallback, useEffect, useState } from 'react';
import type { RuleProblem, RulesDocument } from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';

export interface RulesState {
  document: RulesDocument;
  /** Messages dropped, by rule name. */
  dropped: Record<string, number>;
}

export interface RulesHandle {
  rules: RulesState | null;
  error: string | null;
  reload(): void;
  /** Saves the whole document; resolves to main's problems (empty when saved). Throws when main cannot be reached. */
  save(document: unknown): Promise<RuleProblem[]>;
  /**
   * Like save, but shows the new document at once (a switch flipped, a rule moved) and puts the old one back
   * if main refuses it or cannot be reached.
   */
  change(document: RulesDocument): Promise<RuleProblem[]>;
}

export function useRules(active: boolean): RulesHandle {
  const client = useClient();
  const { epoch } = useLinkStatus();
  const [rules, setRules] = useState<RulesState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (!active || epoch === 0) return;
    let live = true;
    client.invoke('rules.get', {}).then(
      (next) => {
        if (!live) return;
        setRules(next);
        setError(null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [client, epoch, active, reloads]);

  const save = useCallback(
    async (document: unknown) => {
      const reply = await client.invoke('rules.set', { document });
      if (reply.problems.length === 0) {
        setRules((current) => ({ document: reply.document, dropped: current?.dropped ?? {} }));
      }
      return reply.problems;
    },
    [client],
  );
  const change = useCallback(
    async (document: RulesDocument) => {
      let before: RulesState | null = null;
      setRules((current) => {
        before = current;
        return current && { ...current, document };
      });
      const restore = () => setRules((current) => (current?.document === document ? before : current));
      try {
        const problems = await save(document);
        if (problems.length > 0) restore();
        return problems;
      } catch (err) {
        restore();
        throw err;
      }
    },
    [save],
  );
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { rules, error, reload, save, change };
}
