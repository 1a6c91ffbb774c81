// The password file's users: add one, change a password, remove one (asked first). Each change restarts the
// broker so it reads the file again.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';

export function BrokerUsers({ active, changed }: { active: boolean; changed: () => void }) {
  const t = useT();
  const client = useClient();
  const [users, setUsers] = useState<string[]>([]);
  const [file, setFile] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [editing, setEditing] = useState<{ user: string; mode: 'password' | 'remove' } | null>(null);
  const [newPassword, setNewPassword] = useState('');

  const load = useCallback(() => {
    client.invoke('broker.users.list', {}).then(
      (reply) => {
        setUsers(reply.users.map((u) => u.username));
        setFile(reply.file);
      },
      (err: unknown) => setMessage({ error: true, text: errorMessage(err) }),
    );
  }, [client]);
  useEffect(() => {
    if (active) load();
  }, [active, load]);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setMessage({ error: false, text: done });
      setEditing(null);
      load();
      changed();
      return true;
    } catch (err) {
      setMessage({ error: true, text: errorMessage(err) });
      return false;
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const user = username.trim();
    const saved = await run(
      () => client.invoke('broker.users.set', { username: user, password }),
      t('broker.userSaved', { user }),
    );
    if (saved) {
      setUsername('');
      setPassword('');
    }
  };

  return (
    <section className="broker-section" aria-label={t('broker.users')}>
      <h2>{t('broker.users')}</h2>
      <p className="broker-hint">{t('broker.usersFile', { file })}</p>
      {message && (
        <p className={message.error ? 'banner banner-error' : 'broker-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {users.length === 0 ? (
        <p className="broker-empty">{t('broker.noUsers')}</p>
      ) : (
        <table className="broker-table">
          <thead>
            <tr>
              <th>{t('broker.username')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user}>
                <td>{user}</td>
                <td className="broker-actions">
                  {editing?.user === user && editing.mode === 'password' ? (
                    <form
                      onSubmit={(event) => {
                        event.preventDefault();
                        void run(
                          () => client.invoke('broker.users.set', { username: user, password: newPassword }),
                          t('broker.userSaved', { user }),
                        ).then(() => setNewPassword(''));
                      }}
                    >
                      <input
                        type="password"
                        aria-label={t('broker.newPasswordOf', { user })}
                        value={newPassword}
                        required
                        onChange={(e) => setNewPassword(e.target.value)}
                      />
                      <button type="submit">{t('broker.save')}</button>
                      <button type="button" onClick={() => setEditing(null)}>
                        {t('broker.cancel')}
                      </button>
                    </form>
                  ) : editing?.user === user && editing.mode === 'remove' ? (
                    <>
                      <span>{t('broker.confirmRemoveUser', { user })}</span>
                      <button
                        type="button"
                        className="broker-danger"
                        onClick={() => void run(() => client.invoke('broker.users.remove', { username: user }), '')}
                      >
                        {t('broker.remove')}
                      </button>
                      <button type="button" onClick={() => setEditing(null)}>
                        {t('broker.cancel')}
                      </button>
                    </>
                  ) : (
                    <>
                      <button
                        type="button"
                        aria-label={t('broker.changePasswordOf', { user })}
                        onClick={() => setEditing({ user, mode: 'password' })}
                      >
                        {t('broker.changePassword')}
                      </button>
                      <button
                        type="button"
                        aria-label={t('broker.removeUser', { user })}
                        onClick={() => setEditing({ user, mode: 'remove' })}
                      >
                        {t('broker.remove')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="broker-form" onSubmit={(event) => void add(event)}>
        <label>
          {t('broker.username')}
          <input value={username} required onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('broker.password')}
          <input type="password" value={password} required onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit">{t('broker.addUser')}</button>
      </form>
    </section>
  );
}
