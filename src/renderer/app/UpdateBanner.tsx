// A newer Herald, said once above every page (the tray says it too): a link to its release page and "Later",
// which hides the banner for that version in this browser profile; the next version shows it again.
import { useSyncExternalStore } from 'react';
import type { AppState } from '../../shared/model.ts';
import { useT } from '../i18n/i18n.ts';
import { readStorage, writeStorage } from '../preferences/stored-choice.ts';
import { releasePageLink } from '../settings/release-page.ts';

const DISMISSED_KEY = 'herald.update.dismissed';
const listeners = new Set<() => void>();
const dismissed = {
  get: () => readStorage(DISMISSED_KEY),
  set(version: string) {
    writeStorage(DISMISSED_KEY, version);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function UpdateBanner({ update }: { update: AppState['update'] }) {
  const t = useT();
  const hidden = useSyncExternalStore(dismissed.subscribe, dismissed.get, () => null);
  if (!update || hidden === update.version) return null;
  const page = releasePageLink(update.releaseUrl);
  return (
    <div className="banner update-banner" role="status" aria-label={t('updates.title')}>
      <strong>{t('updates.available', { version: update.version })}</strong>{' '}
      {page && (
        <a href={page} target="_blank" rel="noopener noreferrer">
          {t('updates.releasePage')}
        </a>
      )}{' '}
      <button type="button" onClick={() => dismissed.set(update.version)}>
        {t('updates.later')}
      </button>
    </div>
  );
}
