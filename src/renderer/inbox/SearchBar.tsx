// The search field and the filters above the inbox list. Typing is debounced; "/" anywhere outside a text
// field focuses the search. A topic filter is applied only once it is a valid MQTT filter.
import { useEffect, useRef, useState } from 'react';
import { isValidTopicFilter } from '../../shared/sources/fields.ts';
import type { InboxFilters } from './inbox-state.ts';

export const SEARCH_DEBOUNCE_MS = 250;
/** How much of a body the index holds (the store's INDEXED_BODY_CHARS), said next to the field. */
const INDEXED_BODY_HINT = 'Searches titles, topics, sources and the first 2,048 characters of each body.';

export interface SourceOption {
  id: string;
  name: string;
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
  const [text, setText] = useState(filters.search ?? '');
  const [topic, setTopic] = useState(filters.topic ?? '');
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(filters);
  latest.current = filters;

  // Debounced: one query per pause in typing, not one per key.
  useEffect(() => {
    const search = text.trim() === '' ? undefined : text;
    const topicFilter = topic.trim() !== '' && isValidTopicFilter(topic.trim()) ? topic.trim() : undefined;
    if (search === latest.current.search && topicFilter === latest.current.topic) return;
    const timer = setTimeout(() => onFilters({ ...latest.current, search, topic: topicFilter }), SEARCH_DEBOUNCE_MS);
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
  const active = [filters.sourceId, filters.topic, filters.minPriority, filters.since, filters.until].some(
    (value) => value !== undefined,
  );

  return (
    <div className="search-bar">
      <div className="search-row" role="search">
        <input
          ref={input}
          type="search"
          aria-label="Search messages"
          placeholder="Search messages  ( / )"
          title={INDEXED_BODY_HINT}
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
            Clear search
          </button>
        )}
      </div>
      <div className="filter-row" aria-label="Filters" role="group">
        <select
          aria-label="Source"
          value={filters.sourceId ?? ''}
          onChange={(event) => set({ sourceId: event.target.value || undefined })}
        >
          <option value="">All sources</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </select>
        <input
          type="text"
          aria-label="Topic filter"
          placeholder="Topic filter, e.g. home/+/temp"
          aria-invalid={topicInvalid}
          title={topicInvalid ? '# must be last and alone in its level, + alone in its level' : undefined}
          value={topic}
          onChange={(event) => setTopic(event.target.value)}
        />
        <select
          aria-label="Minimum priority"
          value={filters.minPriority ?? ''}
          onChange={(event) => set({ minPriority: event.target.value ? Number(event.target.value) : undefined })}
        >
          <option value="">Any priority</option>
          {[2, 3, 4, 5].map((p) => (
            <option key={p} value={p}>
              Priority {p}+
            </option>
          ))}
        </select>
        <label className="date-filter">
          From
          <input
            type="date"
            aria-label="Received from"
            value={dateValue(filters.since)}
            onChange={(event) => set({ since: dayStart(event.target.value) })}
          />
        </label>
        <label className="date-filter">
          to
          <input
            type="date"
            aria-label="Received until"
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
            Clear filters
          </button>
        )}
      </div>
      {searchIndex && (
        <p className="search-note muted small" role="status">
          Indexing older messages for search: {searchIndex.indexed.toLocaleString()} of{' '}
          {searchIndex.total.toLocaleString()}. Search finds the indexed part meanwhile.
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
