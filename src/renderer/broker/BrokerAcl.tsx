// The ACL file as text, checked by main when saved: each problem is shown with its line, and nothing is saved
// until every line is valid.
import { useEffect, useState } from 'react';
import type { AclProblem } from '../../shared/commands/broker.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';

export function BrokerAcl({ active, changed }: { active: boolean; changed: () => void }) {
  const t = useT();
  const client = useClient();
  const [text, setText] = useState('');
  const [file, setFile] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [problems, setProblems] = useState<AclProblem[]>([]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!active || loaded) return;
    client.invoke('broker.acl.get', {}).then(
      (reply) => {
        setText(reply.text);
        setFile(reply.file);
        setLoaded(true);
      },
      (err: unknown) => setMessage({ error: true, text: errorMessage(err) }),
    );
  }, [client, active, loaded]);

  const save = async () => {
    try {
      const reply = await client.invoke('broker.acl.set', { text });
      setProblems(reply.problems);
      setMessage(reply.saved ? { error: false, text: t('broker.aclSaved') } : null);
      if (reply.saved) changed();
    } catch (err) {
      setMessage({ error: true, text: errorMessage(err) });
    }
  };

  return (
    <section className="broker-section" aria-label={t('broker.acl')}>
      <h2>{t('broker.acl')}</h2>
      <p className="broker-hint">
        {t('broker.aclFile', { file })} · {t('broker.aclHint')}
      </p>
      <textarea
        className="broker-acl-text"
        aria-label={t('broker.acl')}
        aria-invalid={problems.length > 0}
        rows={10}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {problems.length > 0 && (
        <ul className="broker-problems" role="alert">
          {problems.map((p) => (
            <li key={`${p.line} ${p.message}`}>{t('broker.aclLine', { line: p.line, message: p.message })}</li>
          ))}
        </ul>
      )}
      {message && (
        <p className={message.error ? 'banner banner-error' : 'broker-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <button type="button" onClick={() => void save()}>
        {t('broker.aclSave')}
      </button>
    </section>
  );
}
