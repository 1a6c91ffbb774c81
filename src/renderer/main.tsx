// Renderer entry: choose the transport once, then everything below only sees a HeraldClient.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ConnectionContext } from './transport/connection-context.ts';
import { selectConnection } from './transport/select.ts';
import { followThemePreference } from './theme/theme.ts';
// Styles live beside the features they dress; this order is the cascade order (tokens and shared widgets first).
import './base.css';
import './app/app.css';
import './inbox/inbox.css';
import './inbox/message-detail.css';
import './inbox/inbox-actions.css';
import './inbox/body/body.css';
import './inbox/keyboard/keyboard.css';
import './sources/sources.css';
import './rules/rules.css';
import './publish/publish.css';
import './status/status.css';

followThemePreference();
const connection = selectConnection();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConnectionContext value={connection}>
      <App />
    </ConnectionContext>
  </StrictMode>,
);
