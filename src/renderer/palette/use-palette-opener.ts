// Opens the quick palette on Ctrl/Cmd+K anywhere in the window, and when the desktop app's global shortcut
// asks for it (ui.openPalette).
import { useEffect, useState } from 'react';
import { useClient } from '../transport/connection-context.ts';

export function isPaletteKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>) {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

export function usePaletteOpener(): [open: boolean, setOpen: (open: boolean) => void] {
  const client = useClient();
  const [open, setOpen] = useState(false);
  useEffect(() => client.on('ui.openPalette', () => setOpen(true)), [client]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPaletteKey(event)) return;
      // Ctrl+K would otherwise reach the browser (its own search box in some browsers).
      event.preventDefault();
      setOpen((wasOpen) => !wasOpen);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return [open, setOpen];
}
