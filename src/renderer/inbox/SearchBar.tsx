// The search field and the filters above the inbox list. Typing is debounced; "/" anywhere outside a text
// field focuses the search. A topic filter is applied only once it is a valid MQTT filter.
import { useEffect, useRef, useState } from 'react';
import { isValidTopicFilter } from '../../shared/sources/fields.ts';
import { useT } from '../i18n/i18n.ts';
import type { InboxFilters } from './inbox-state.ts';

export const SEARCH_DEBOUNCE_MS = 250;

export interface SourceOption {
  id: string;
  name: string;
  /** The sidebar lists a source under its group (see topic-tree.ts). */
  group?: string | undefined;
}

interface SearchBarProps {
  filters: InboxFilters;
  onFilters(filters: InboxFilters): void;
  sources: readonly SourceOption[];
  /** While older messages are being indexed (after an upgrade). */
  searchIndex: { indexed: number; total: number } | null;
  notice: string | null;
}

export function SearchBar({ filters, onFilters, sources, searchIndex, notice }: SearchBarProps) {
  const t = useT();
  const [text, setText] = useState(filters.search ?? '');
  const [topic, setTopic] = useState(filters.topic ?? '');
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(filters);
  latest.current = filters;
  // A topic chosen elsewhere (the sidebar's tree) shows in the field; one this field sent leaves the typing alone.
  const sentTopic = useRef(filters.topic);
  useEffect(() => {
    if (filters.topic !== sentTopic.current) setTopic(filters.topic ?? '');
    sentTopic.current = filters.topic;
  }, [filters.topic]);

  // Debounced: one query per pause in typing, not one per key.
  useEffect(() => {
    const search = text.trim() === '' ? undefined : text;
    const topicFilter = topic.trim() !== '' && isValidTopicFilter(topic.trim()) ? topic.trim() : undefined;
    if (search === latest.current.search && topicFilter === latest.current.topic) return;
    const timer = setTimeout(() => {
      sentTopic.current = topicFilter;
      onFilters({ ...latest.current, search, topic: topicFilter });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, topic, onFilters]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const tag = target?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const set = (change: Partial<InboxFilters>) => onFilters({ ...filters, ...change });
  const clear = () => {
    setText('');
    onFilters({ ...filters, search: undefined });
    input.current?.focus();
  };
  const topicInvalid = topic.trim() !== '' && !isValidTopicFilter(topic.trim());
  const active = [filters.sourceId, filters.topic, filters.minPriority, filters.since, filters.until, filters.has].some(
    (value) => value !== undefined,
  );

  return (
    <div className="search-bar">
      <div className="search-row" role="search">
        <input
          ref={input}
          type="search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          // How much of a body the index holds (the store's INDEXED_BODY_CHARS).
          title={t('search.hint')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && text !== '') {
              event.preventDefault();
              clear();
            }
          }}
        />
        {text !== '' && (
          <button type="button" className="link-button" onClick={clear}>
            {t('search.clear')}
          </button>
        )}
      </div>
      <div className="filter-row" aria-label={t('filter.label')} role="group">
        <select
          aria-label={t('filter.source')}
          value={filters.sourceId ?? ''}
          onChange={(event) => set({ sourceId: event.target.value || undefined })}
        >
          <option value="">{t('filter.allSources')}</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </select>
        <input
          type="text"
          aria-label={t('filter.topic')}
          placeholder={t('filter.topicPlaceholder')}
          aria-invalid={topicInvalid}
          title={topicInvalid ? t('filter.topicInvalid') : undefined}
          value={topic}
          onChange={(event) => setTopic(event.target.value)}
        />
        <select
          aria-label={t('filter.minPriority')}
          value={filters.minPriority ?? ''}
          onChange={(event) => set({ minPriority: event.target.value ? Number(event.target.value) : undefined })}
        >
          <option value="">{t('filter.anyPriority')}</option>
          {[2, 3, 4, 5].map((p) => (
            <option key={p} value={p}>
              {t('filter.priorityAtLeast', { priority: p })}
            </option>
          ))}
        </select>
        <select
          aria-label="Has"
          value={filters.has ?? ''}
          onChange={(event) => set({ has: hasValue(event.target.value) })}
        >
          <option value="">Any content</option>
          <option value="attachment">Has attachment</option>
          <option value="actions">Has actions</option>
        </select>
        <label className="date-filter">
          {t('filter.from')}
          <input
            type="date"
            aria-label={t('filter.receivedFrom')}
            value={dateValue(filters.since)}
            onChange={(event) => set({ since: dayStart(event.target.value) })}
          />
        </label>
        <label className="date-filter">
          {t('filter.to')}
          <input
            type="date"
            aria-label={t('filter.receivedUntil')}
            value={dateValue(filters.until)}
            onChange={(event) => {
              const start = dayStart(event.target.value);
              set({ until: start === undefined ? undefined : start + 86_400_000 - 1 });
            }}
          />
        </label>
        {active && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setTopic('');
              onFilters({ search: filters.search });
            }}
          >
            {t('filter.clear')}
          </button>
        )}
      </div>
      {searchIndex && (
        <p className="search-note muted small" role="status">
          {t('search.indexing', {
            indexed: searchIndex.indexed.toLocaleString(),
            total: searchIndex.total.toLocaleString(),
          })}
        </p>
      )}
      {notice && (
        <p className="search-note muted small" role="note">
          {notice}
        </p>
      )}
    </div>
  );
}

function hasValue(value: string): InboxFilters['has'] {
  return value === 'attachment' || value === 'actions' ? value : undefined;
}

/** A date input's value (local day) for a time, or '' for none. */
function dateValue(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local midnight a date input's value stands for. */
function dayStart(value: string): number | undefined {
  if (value === '') return undefined;
  const ms = new Date(`${value}T00:00:00`).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
