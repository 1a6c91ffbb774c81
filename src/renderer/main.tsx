// Renderer entry: choose the transport once, then everything below only sees a HeraldClient.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ConnectionContext } from './app/connection-context.ts';
import { selectConnection } from './transport/select.ts';
import './styles.css';

const connection = selectConnection();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConnectionContext value={connection}>
      <App />
    </ConnectionContext>
  </StrictMode>,
);
