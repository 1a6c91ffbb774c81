// A JSON body as a collapsible tree. Only expanded nodes exist in the DOM, so a large payload opens quickly;
// the first levels start open. Each node copies its path (as rules write it) or its value. Search matches are
// marked in keys and values as in any other body.
import { useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { Highlight } from '../Highlight.tsx';
import { CopyButton } from './CopyButton.tsx';
import { entriesOf, isContainer, jsonPath, leafText, valueText, type JsonValue, type PathKey } from './json-value.ts';

/** Levels open at first; deeper ones wait for a click. */
const OPEN_DEPTH = 2;
/** A container with more children than this starts closed even near the top. */
const OPEN_MAX_CHILDREN = 50;

export function JsonTree({ value }: { value: JsonValue }) {
  return (
    <ul className="json-tree" data-testid="json-tree">
      <JsonNode name={null} path={[]} value={value} />
    </ul>
  );
}

interface JsonNodeProps {
  name: PathKey | null;
  path: PathKey[];
  value: JsonValue;
}

function JsonNode({ name, path, value }: JsonNodeProps) {
  const t = useT();
  const container = isContainer(value);
  const entries = container ? entriesOf(value) : [];
  const [open, setOpen] = useState(path.length < OPEN_DEPTH && entries.length <= OPEN_MAX_CHILDREN);
  const pathText = jsonPath(path);
  const label = name === null ? '$' : typeof name === 'number' ? `[${name}]` : name;

  return (
    <li className="json-node">
      <span className="json-line">
        {container ? (
          <button
            type="button"
            className="json-toggle"
            aria-expanded={open}
            aria-label={`${label} ${t(open ? 'json.collapse' : 'json.expand')}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="json-toggle-space" />
        )}
        <span className="json-key">
          <Highlight text={label} />
        </span>
        <span className="json-colon">: </span>
        {container ? (
          <span className="json-summary muted">
            {Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}
          </span>
        ) : (
          <span className={`json-value json-${leafKind(value)}`}>
            <Highlight text={leafText(value)} />
          </span>
        )}
        <span className="json-copy">
          <CopyButton
            className="link-button small"
            label={t('json.copyPath')}
            ariaLabel={`${t('json.copyPath')} ${pathText}`}
            text={() => pathText}
          />
          <CopyButton
            className="link-button small"
            label={t('json.copyValue')}
            ariaLabel={`${t('json.copyValue')} ${pathText}`}
            text={() => valueText(value)}
          />
        </span>
      </span>
      {container && open && entries.length > 0 && (
        <ul>
          {entries.map(([key, child]) => (
            <JsonNode key={key} name={key} path={[...path, key]} value={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

function leafKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return 'number';
}
