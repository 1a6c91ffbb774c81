// Markdown bodies as React elements, built here from markdown-it's token stream: raw HTML is off (a `<script>`
// stays text), only an allow-list of tags is ever created, no attribute is copied from the message but a link's
// http(s) address, and nothing reaches innerHTML. Images become a button that loads them on request.
import MarkdownIt, { type Token } from 'markdown-it';
import { createElement, Fragment, type ReactNode } from 'react';
import { safeHttpUrl } from '../linkify.tsx';
import { RemoteImage } from './RemoteImage.tsx';

const parser = new MarkdownIt('default', { html: false, linkify: true, typographer: false });

/** Tags a markdown token may become; any other token renders its content only. */
const TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  's',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);

/** Renders one run of plain text (e.g. with search matches marked). */
export type TextRenderer = (text: string, key: string) => ReactNode;

const plainText: TextRenderer = (text) => text;

export function markdownToReact(source: string, renderText: TextRenderer = plainText): ReactNode[] {
  return build(parser.parse(source, {}), renderText, 'm');
}

interface Frame {
  open: Token | null;
  children: ReactNode[];
}

/** Opening tokens start a frame, closing tokens turn their frame into one element of the parent's children. */
function build(tokens: Token[], renderText: TextRenderer, keyPrefix: string): ReactNode[] {
  const stack: Frame[] = [{ open: null, children: [] }];
  const close = (key: string) => {
    const frame = stack.pop()!;
    stack.at(-1)!.children.push(element(frame.open!, frame.children, key));
  };
  tokens.forEach((token, i) => {
    const key = `${keyPrefix}-${i}`;
    if (token.nesting === 1) stack.push({ open: token, children: [] });
    else if (token.nesting === -1) {
      if (stack.length > 1) close(key);
    } else stack.at(-1)!.children.push(leaf(token, renderText, key));
  });
  // markdown-it always closes what it opens; should it not, the content still shows.
  while (stack.length > 1) close(`${keyPrefix}-end-${stack.length}`);
  return stack[0]!.children;
}

function element(open: Token, children: ReactNode[], key: string): ReactNode {
  if (open.type === 'link_open') {
    const href = safeHttpUrl(String(open.attrGet('href') ?? ''));
    if (!href) {
      return (
        <span key={key} className="md-plain-link">
          {children}
        </span>
      );
    }
    return (
      <a key={key} href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    );
  }
  // Paragraphs inside tight lists are hidden: their text sits in the <li> directly.
  if (open.hidden || !TAGS.has(open.tag)) return <Fragment key={key}>{children}</Fragment>;
  if (open.tag === 'ol') {
    const start = Number(open.attrGet('start') ?? 1);
    return (
      <ol key={key} start={Number.isInteger(start) ? start : undefined}>
        {children}
      </ol>
    );
  }
  return createElement(open.tag, { key }, children);
}

function leaf(token: Token, renderText: TextRenderer, key: string): ReactNode {
  switch (token.type) {
    case 'inline':
      return <Fragment key={key}>{build(token.children ?? [], renderText, key)}</Fragment>;
    case 'text':
      // markdown-it leaves empty text tokens around emphasis; they are nothing to show.
      if (!token.content) return null;
      return <Fragment key={key}>{renderText(token.content, key)}</Fragment>;
    case 'code_inline':
      return <code key={key}>{token.content}</code>;
    case 'code_block':
    case 'fence':
      return (
        <pre key={key}>
          <code>{token.content}</code>
        </pre>
      );
    case 'softbreak':
      return '\n';
    case 'hardbreak':
      return <br key={key} />;
    case 'hr':
      return <hr key={key} />;
    case 'image':
      return <RemoteImage key={key} src={String(token.attrGet('src') ?? '')} alt={token.content} />;
    default:
      // html_inline / html_block cannot occur with html off; anything else unknown shows as its text.
      return token.content ? <Fragment key={key}>{renderText(token.content, key)}</Fragment> : null;
  }
}
