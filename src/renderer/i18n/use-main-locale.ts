// Tells the main process the language the UI shows (app.setLocale), so the notifications it composes and the
// tray speak it too. The contract takes a language, not "the system's": while the user has not picked one the
// UI shows the browser's (in the app: the OS's), and that is the language they read, so it is what main is told.
// That also holds for a browser tab on another machine than `herald serve`, whose own system language may differ.
import { useEffect } from 'react';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';
import { useLocale } from './i18n.ts';

export function useMainLocale(): void {
  const client = useClient();
  const locale = useLocale();
  const { state, epoch } = useLinkStatus();
  const open = state === 'open';
  // Told again on every (re)connect: main may have restarted meanwhile, or a tab elsewhere told it another
  // language. The epoch too, not only `open`: a drop and reconnect that React renders as one update still re-sends.
  useEffect(() => {
    if (!open) return;
    client.invoke('app.setLocale', { locale }).catch((err: unknown) => {
      // Only main's own words stay in the previous language; the UI itself is unaffected.
      console.warn(`Could not tell Herald the language (${locale}): ${errorMessage(err)}`);
    });
  }, [client, locale, open, epoch]);
}
