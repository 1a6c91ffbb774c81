// The app's pages, in navigation order. The id is also the address hash (#sources), so a reload keeps the page.
export const PAGES = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'sources', label: 'Sources' },
  { id: 'rules', label: 'Rules' },
  { id: 'publish', label: 'Publish' },
  { id: 'devices', label: 'Devices' },
  { id: 'broker', label: 'Broker' },
  { id: 'settings', label: 'Settings' },
] as const;

export type Page = (typeof PAGES)[number]['id'];

export function pageFromHash(hash: string): Page {
  return PAGES.find((page) => `#${page.id}` === hash)?.id ?? 'inbox';
}
