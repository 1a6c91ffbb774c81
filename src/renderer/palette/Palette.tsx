// The quick palette (Ctrl/Cmd+K, or the desktop app's global shortcut): a search box over device entities, saved
// buttons and pages with fuzzy matching; Enter runs the highlighted result (the first unless the arrows moved),
// Escape closes. Toggling, pressing and going to a page are the same commands the pages use.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';
import { fuzzyRank } from './fuzzy.ts';
import { actionOf, paletteItems, searchText, type PaletteItem } from './palette-items.ts';
import './palette.css';

/** Results shown at most; the query narrows the rest. */
const MAX_SHOWN = 50;

interface PaletteProps {
  pages: readonly { id: string; label: string }[];
  onGo(page: string): void;
  onClose(): void;
}

export function Palette({ pages, onGo, onClose }: PaletteProps) {
  const client = useClient();
  const t = useT();
  const id = useId();
  const [items, setItems] = useState<PaletteItem[] | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  useEffect(() => {
    let live = true;
    const lists = [
      client.invoke('devices.list', {}),
      client.invoke('publish.buttons.list', {}),
      client.invoke('favourites.list', {}),
    ] as const;
    // One list that fails (e.g. no devices yet) leaves the others searchable.
    void Promise.allSettled(lists).then(([devices, buttons, favourites]) => {
      if (!live) return;
      const value = <T,>(result: PromiseSettledResult<T>) => (result.status === 'fulfilled' ? result.value : null);
      setItems(
        paletteItems(
          value(devices)?.devices ?? [],
          value(buttons)?.buttons ?? [],
          pages,
          value(favourites)?.favourites ?? [],
        ),
      );
    });
    return () => {
      live = false;
    };
  }, [client, pages]);

  const results = useMemo(() => (items ? fuzzyRank(query, items, searchText).slice(0, MAX_SHOWN) : []), [items, query]);
  const current = results[Math.min(active, results.length - 1)]?.item;

  async function run(item: PaletteItem) {
    if (running.current) return;
    const action = actionOf(item);
    if (action.type === 'page') {
      onGo(action.page);
      return onClose();
    }
    running.current = true;
    setError(null);
    try {
      if (action.type === 'button') await client.invoke('publish.buttons.press', { id: action.id });
      else await client.invoke('devices.command', { entityId: action.entityId, action: action.action });
      onClose();
    } catch (err) {
      setError(t('palette.failed', { name: item.name, error: errorMessage(err) }));
    } finally {
      running.current = false;
    }
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.max(0, Math.min(results.length - 1, Math.min(index, results.length - 1) + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current) void run(current);
    }
  }

  const listId = `${id}-results`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const activeIndex = current ? results.findIndex((r) => r.item === current) : -1;
  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('palette.label')}
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <input
          className="palette-input"
          role="combobox"
          aria-label={t('palette.search')}
          placeholder={t('palette.search')}
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
        />
        <ul className="palette-results" role="listbox" id={listId} aria-label={t('palette.results')}>
          {results.map(({ item, match }, index) => (
            <li
              key={`${item.kind}:${item.id}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? 'palette-option active' : 'palette-option'}
              onMouseEnter={() => setActive(index)}
              onClick={() => void run(item)}
            >
              <span className="palette-name">{highlight(searchText(item), match.positions)}</span>
              <span className="palette-detail">
                {item.pinned && <span className="palette-pinned">{t('palette.pinned')} · </span>}
                {t(`palette.kind.${item.kind}`)}
                {item.kind === 'button' && item.detail && ` · ${item.detail}`}
              </span>
            </li>
          ))}
        </ul>
        {items === null && <p className="palette-note">{t('palette.loading')}</p>}
        {items !== null && results.length === 0 && <p className="palette-note">{t('palette.none', { query })}</p>}
        {error && (
          <p className="palette-error" role="alert">
            {error}
          </p>
        )}
        <p className="palette-note palette-hint">{t('palette.hint')}</p>
      </div>
    </div>
  );
}

/** The name with the matched characters in <mark>, so the user sees why it matched. */
function highlight(text: string, positions: readonly number[]) {
  if (positions.length === 0) return text;
  const marked = new Set(positions);
  const chars = [...text];
  const parts: React.ReactNode[] = [];
  let run = '';
  let runMarked = false;
  chars.forEach((char, index) => {
    const isMarked = marked.has(index);
    if (index > 0 && isMarked !== runMarked) {
      parts.push(runMarked ? <mark key={index}>{run}</mark> : run);
      run = '';
    }
    run += char;
    runMarked = isMarked;
  });
  parts.push(runMarked ? <mark key="end">{run}</mark> : run);
  return parts;
}
