// The body of the message on show, read the way it was meant: markdown rendered (safely, see markdown.tsx),
// JSON as a tree, binary as hex or base64, text as it is with its links. Each can be switched to its plain
// form and copied whole.
import { useContext, useMemo, useState } from 'react';
import type { MessageDetail } from '../../../shared/model.ts';
import { useT, type MessageKey } from '../../i18n/i18n.ts';
import { highlightText, SearchTermsContext, useHighlightedNodes } from '../Highlight.tsx';
import { linkify } from '../linkify.tsx';
import { bytesFromHexDump, toBase64 } from './binary.ts';
import { bodyFormat, markdownMessage, type BodyFormat } from './body-format.ts';
import { CopyButton } from './CopyButton.tsx';
import { JsonTree } from './JsonTree.tsx';
import { parseJson } from './json-value.ts';
import { markdownToReact } from './markdown.tsx';

/** The views each format offers, the first being the one it opens with. */
const VIEWS = {
  markdown: ['rendered', 'source'],
  json: ['tree', 'source'],
  binary: ['hex', 'base64'],
  text: ['source'],
} as const satisfies Record<BodyFormat, readonly string[]>;
type View = (typeof VIEWS)[BodyFormat][number];

const VIEW_LABEL: Record<View, MessageKey> = {
  rendered: 'body.view.rendered',
  source: 'body.view.source',
  tree: 'body.view.tree',
  hex: 'body.view.hex',
  base64: 'body.view.base64',
};

export function MessageBody({ detail }: { detail: MessageDetail }) {
  const t = useT();
  const format = bodyFormat(detail);
  const markdown = useMemo(() => markdownMessage(detail), [detail]);
  // A JSON body whose message is markdown opens with that message rendered; its tree and source stay a click away.
  const views: readonly View[] = format === 'json' && markdown !== null ? ['rendered', ...VIEWS.json] : VIEWS[format];
  const [chosen, setChosen] = useState<View>(views[0]!);
  const view = views.includes(chosen) ? chosen : views[0]!;
  const base64 = useMemo(
    () => (format === 'binary' && view === 'base64' ? toBase64(bytesFromHexDump(detail.body)) : ''),
    [format, view, detail.body],
  );

  return (
    <div className="message-body">
      <div className="body-toolbar">
        {views.length > 1 && (
          <span className="body-views" role="group" aria-label={t('body.viewAs')}>
            {views.map((option) => (
              <button key={option} type="button" aria-pressed={option === view} onClick={() => setChosen(option)}>
                {t(VIEW_LABEL[option])}
              </button>
            ))}
          </span>
        )}
        <CopyButton label={t('body.copy')} text={() => (view === 'base64' ? base64 : detail.body)} />
      </div>
      <BodyView format={format} view={view} body={detail.body} base64={base64} markdown={markdown} />
    </div>
  );
}

interface BodyViewProps {
  format: BodyFormat;
  view: View;
  body: string;
  base64: string;
  /** The markdown message of a JSON body, when it says it has one. */
  markdown: string | null;
}

function BodyView({ format, view, body, base64, markdown }: BodyViewProps) {
  if (view === 'rendered') return <MarkdownBody source={markdown ?? body} />;
  if (view === 'tree') return <JsonBody body={body} />;
  if (format === 'binary') {
    return (
      <pre className={`body body-${view}`} data-testid="message-body">
        {view === 'base64' ? base64 : body}
      </pre>
    );
  }
  return <SourceText format={format} body={body} />;
}

/** Text as it is, its http(s) URLs linked and search matches marked. */
function SourceText({ format, body }: { format: BodyFormat; body: string }) {
  return (
    <pre className={`body body-${format}`} data-testid="message-body">
      <HighlightedText text={body} />
    </pre>
  );
}

function JsonBody({ body }: { body: string }) {
  const value = useMemo(() => parseJson(body), [body]);
  // A truncated JSON body no longer parses: it is shown as the text that was kept.
  if (value === undefined) return <SourceText format="json" body={body} />;
  return (
    <div className="body body-json-tree" data-testid="message-body">
      <JsonTree value={value} />
    </div>
  );
}

function MarkdownBody({ source }: { source: string }) {
  const terms = useContext(SearchTermsContext);
  const nodes = useMemo(
    () => markdownToReact(source, (text, key) => highlightText(text, terms, `${key}-`)),
    [source, terms],
  );
  return (
    <div className="body body-markdown" data-testid="message-body">
      {nodes}
    </div>
  );
}

function HighlightedText({ text }: { text: string }) {
  return <>{useHighlightedNodes(linkify(text))}</>;
}
