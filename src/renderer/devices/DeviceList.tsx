// The virtualised device list: areas as headings, their device cards in rows of as many columns as fit. Only
// the rows in view (and a few more) exist in the DOM, so 10,000 entities scroll like 10. The rows in view sit
// in one block moved down to the first one's offset, in sections per area, so each area stays a named region.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useT } from '../i18n/i18n.ts';
import { DeviceCard } from './DeviceCard.tsx';
import { deviceRows, groupByArea, type DeviceRow, type Pending } from './devices-state.ts';
import type { DeviceView } from '../../shared/commands/devices.ts';
import type { DevicesHandle } from './use-devices.ts';

/** Matches devices.css: the cards' least width and the gap between them. */
const CARD_MIN_WIDTH = 280;
const GAP = 12;
/** A row's padding left and right. */
const ROW_PADDING = 16;
const AREA_ROW_HEIGHT = 36;
/** A card's header and meta line, and one entity row: only the first guess before a row is measured. */
const CARD_BASE_HEIGHT = 70;
const ENTITY_HEIGHT = 34;

interface DeviceListProps {
  devices: readonly DeviceView[];
  /** The filter the devices match: a new one starts the list from its top. */
  query: string;
  pendingByDevice: ReadonlyMap<string, Pending[]>;
  send: DevicesHandle['send'];
  pinned: ReadonlySet<string>;
  onPin(entityId: string, name: string, pinned: boolean): void;
}

const NO_PENDING: Pending[] = [];

export function DeviceList({ devices, query, pendingByDevice, send, pinned, onPin }: DeviceListProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = useColumns(scrollRef);
  const groups = useMemo(() => groupByArea(devices), [devices]);
  const rows = useMemo(() => deviceRows(groups, columns), [groups, columns]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimate(rows[index]),
    overscan: 2,
    getItemKey: (index) => rows[index]?.key ?? index,
  });
  useEffect(() => virtualizer.scrollToOffset(0), [query, virtualizer]);
  const items = virtualizer.getVirtualItems();
  // Consecutive rows in view of one area go into that area's section.
  const sections: { area: string | null; items: typeof items }[] = [];
  for (const item of items) {
    const area = rows[item.index]!.area;
    const last = sections.at(-1);
    if (last && last.area === area) last.items.push(item);
    else sections.push({ area, items: [item] });
  }
  return (
    <div ref={scrollRef} className="devices-list">
      <div className="devices-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        <div className="devices-list-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {sections.map((section) => (
            <section key={section.area ?? ''} className="device-area" aria-label={section.area ?? t('devices.noArea')}>
              {section.items.map((item) => {
                const row = rows[item.index]!;
                return (
                  <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="device-row">
                    {row.kind === 'area' ? (
                      <h2>{row.area ?? t('devices.noArea')}</h2>
                    ) : (
                      <div
                        className="device-grid"
                        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
                      >
                        {row.devices.map((device) => (
                          <DeviceCard
                            key={device.id}
                            device={device}
                            pending={pendingByDevice.get(device.id) ?? NO_PENDING}
                            send={send}
                            pinned={pinned}
                            onPin={onPin}
                          />
                        ))}
                      </div>
                    )}
                  </div>
                );
              })}
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}

function estimate(row: DeviceRow | undefined): number {
  if (!row || row.kind === 'area') return AREA_ROW_HEIGHT;
  const most = Math.max(...row.devices.map((d) => d.entities.length));
  return CARD_BASE_HEIGHT + most * ENTITY_HEIGHT + GAP;
}

/** How many cards fit side by side in the list's width, kept up to date as the window is resized. */
function useColumns(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, [ref]);
  return Math.max(1, Math.floor((width - 2 * ROW_PADDING + GAP) / (CARD_MIN_WIDTH + GAP)));
}
