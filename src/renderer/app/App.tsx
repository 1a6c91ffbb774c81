// The shell: header with navigation, the link banner, the pages and the status bar.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { InboxPage, type OpenRequest } from '../inbox/InboxPage.tsx';
import { EnableNotificationsButton } from '../notifications/EnableNotificationsButton.tsx';
import { useWebNotifications } from '../notifications/use-web-notifications.ts';
import { RulesPage } from '../rules/RulesPage.tsx';
import { PublishPage } from '../publish/PublishPage.tsx';
import { DevicesPage } from '../devices/DevicesPage.tsx';
import { BrokerPage } from '../broker/BrokerPage.tsx';
import { Palette } from '../palette/Palette.tsx';
import { usePaletteOpener } from '../palette/use-palette-opener.ts';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { SourcesPage } from '../sources/SourcesPage.tsx';
import { StatusBar } from '../status/StatusBar.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useT } from '../i18n/i18n.ts';
import { useMainLocale } from '../i18n/use-main-locale.ts';
import { ThemeSwitch } from '../theme/ThemeSwitch.tsx';
import { useClient, useConnection, useLinkStatus } from '../transport/connection-context.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';
import { PauseButton } from './PauseButton.tsx';
import { useAppState } from './use-app-state.ts';
import { useDocumentTitle } from './use-document-title.ts';
import { navLabel } from './nav-labels.ts';
import { PAGES } from './pages.ts';
import { usePage } from './use-page.ts';

export function App() {
  const { mode } = useConnection();
  const client = useClient();
  const app = useAppState();
  const link = useLinkStatus();
  const [page, setPage] = usePage();
  const t = useT();
  const [openRequest, setOpenRequest] = useState<OpenRequest | null>(null);
  const unread = app.state?.unread ?? 0;
  useDocumentTitle(unread);
  useMainLocale();

  const openMessage = useCallback(
    (id?: number) => {
      setPage('inbox');
      setOpenRequest((previous) => ({ id, seq: (previous?.seq ?? 0) + 1 }));
    },
    [setPage],
  );
  useEffect(() => client.on('ui.openMessage', ({ id }) => openMessage(id)), [client, openMessage]);
  useWebNotifications(mode === 'browser', openMessage);
  const [paletteOpen, setPaletteOpen] = usePaletteOpener();
  const palettePages = useMemo(() => PAGES.map(({ id, label }) => ({ id, label: navLabel(id, label, t) })), [t]);
  const goFromPalette = useCallback(
    (id: string) => {
      const found = PAGES.find((p) => p.id === id);
      if (found) setPage(found.id);
    },
    [setPage],
  );

  const broker = app.state?.broker;
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">Herald</h1>
        <nav aria-label={t('nav.label')} className="nav">
          {PAGES.map(({ id, label }) => (
            <button key={id} type="button" aria-current={page === id ? 'page' : undefined} onClick={() => setPage(id)}>
              {navLabel(id, label, t)}
              {id === 'inbox' && unread > 0 && (
                <span className="nav-count">
                  {unread}
                  <span className="visually-hidden"> {t('nav.unread')}</span>
                </span>
              )}
            </button>
          ))}
        </nav>
        <div className="header-actions">
          {mode === 'browser' && <EnableNotificationsButton />}
          {app.state && <PauseButton paused={app.state.paused} pausedUntil={app.state.pausedUntil} />}
          <LanguageSwitch />
          <ThemeSwitch />
        </div>
      </header>
      <ConnectionBanner />
      <UpdateBanner update={app.state?.update} />
      {/* While the link is down the banner above already explains why nothing loaded. */}
      {app.error && !app.state && link.state === 'open' && (
        <div className="banner banner-error" role="alert">
          {t('app.stateFailed', { error: app.error })}
        </div>
      )}
      <main className="app-main">
        {/* The pages stay mounted so the inbox keeps its loaded pages and scroll position. */}
        <div className="page" hidden={page !== 'inbox'}>
          <InboxPage
            unread={unread}
            total={app.state?.total ?? 0}
            openRequest={openRequest}
            broker={broker?.running && broker.port !== null ? { host: broker.host, port: broker.port } : null}
            sources={app.state?.sources ?? []}
            searchIndex={app.state?.searchIndex ?? null}
            purge={app.state?.purge ?? null}
            onUnreadChanged={app.setUnread}
          />
        </div>
        <div className="page" hidden={page !== 'sources'}>
          <SourcesPage sources={app.state?.sources ?? []} policy={app.state?.policy} onChanged={app.refresh} />
        </div>
        <div className="page" hidden={page !== 'rules'}>
          <RulesPage active={page === 'rules'} sources={app.state?.sources ?? []} policy={app.state?.policy} />
        </div>
        <div className="page" hidden={page !== 'publish'}>
          <PublishPage active={page === 'publish'} sources={app.state?.sources ?? []} />
        </div>
        <div className="page" hidden={page !== 'devices'}>
          <DevicesPage active={page === 'devices'} />
        </div>
        <div className="page" hidden={page !== 'broker'}>
          <BrokerPage active={page === 'broker'} policy={app.state?.policy} />
        </div>
        <div className="page" hidden={page !== 'settings'}>
          <SettingsPage
            active={page === 'settings'}
            unread={unread}
            total={app.state?.total ?? 0}
            policy={app.state?.policy}
          />
        </div>
      </main>
      {paletteOpen && <Palette pages={palettePages} onGo={goFromPalette} onClose={() => setPaletteOpen(false)} />}
      <StatusBar state={app.state} />
    </div>
  );
}
