// Highlights the current search's terms in text the inbox renders: the text is split into parts and each part
// is a text node (matches inside <mark>), so nothing from a message ever becomes markup.
import { createContext, useContext, type ReactNode } from 'react';
import { highlightParts, type SearchTerm } from '../../shared/search-query.ts';

export const SearchTermsContext = createContext<readonly SearchTerm[]>([]);

export function Highlight({ text }: { text: string }) {
  const terms = useContext(SearchTermsContext);
  return <>{highlightText(text, terms)}</>;
}

export function highlightText(text: string, terms: readonly SearchTerm[], keyPrefix = ''): ReactNode[] {
  if (terms.length === 0) return [text];
  return highlightParts(text, terms).map((part, i) =>
    part.match ? (
      <mark key={`${keyPrefix}${i}`} className="search-match">
        {part.text}
      </mark>
    ) : (
      part.text
    ),
  );
}

/** Highlights the text nodes among `nodes` (e.g. linkify's output), leaving links as they are. */
export function useHighlightedNodes(nodes: ReactNode[]): ReactNode[] {
  const terms = useContext(SearchTermsContext);
  if (terms.length === 0) return nodes;
  return nodes.flatMap((node, i) => (typeof node === 'string' ? highlightText(node, terms, `${i}-`) : [node]));
}
