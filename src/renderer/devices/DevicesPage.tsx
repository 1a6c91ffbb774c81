// Devices announced on the MQTT sources (Home Assistant discovery, Zigbee2MQTT), grouped by area and device,
// with live state, when each was last heard from, offline devices greyed out, and their controls. A filter
// field narrows the list by device, area or entity name, so one device among thousands is found without scrolling.
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { errorMessage } from '../../shared/error-message.ts';
import { useFavourites } from '../favourites/use-favourites.ts';
import { useT } from '../i18n/i18n.ts';
import { DeviceList } from './DeviceList.tsx';
import { filterDevices, type Pending } from './devices-state.ts';
import { useDevices } from './use-devices.ts';
import './devices.css';

export function DevicesPage({ active }: { active: boolean }) {
  const handle = useDevices(active);
  const t = useT();
  const { devices, unknown, loaded, error, message, pending } = handle;
  const favourites = useFavourites(active || loaded);
  const pinned = useMemo(
    () => new Set(favourites.favourites.filter((f) => f.kind === 'entity').map((f) => f.id)),
    [favourites.favourites],
  );
  const { pin } = favourites;
  const { report } = handle;
  const onPin = useCallback(
    (entityId: string, name: string, on: boolean) =>
      void pin('entity', entityId, on).catch((err: unknown) =>
        report(t('favourites.pinFailed', { name, error: errorMessage(err) })),
      ),
    [pin, report, t],
  );
  const [query, setQuery] = useState('');
  // Typing stays responsive: the list catches up with the query when the browser has time.
  const deferredQuery = useDeferredValue(query);
  const matching = useMemo(() => filterDevices(devices, deferredQuery), [devices, deferredQuery]);
  const pendingByDevice = useMemo(() => {
    const byDevice = new Map<string, Pending[]>();
    if (pending.length === 0) return byDevice;
    const deviceOf = new Map(devices.flatMap((d) => d.entities.map((e) => [e.id, d.id] as const)));
    for (const p of pending) {
      const device = deviceOf.get(p.entityId);
      if (device) byDevice.set(device, [...(byDevice.get(device) ?? []), p]);
    }
    return byDevice;
  }, [devices, pending]);
  const entityCount = useMemo(() => devices.reduce((sum, d) => sum + d.entities.length, 0), [devices]);
  const filtering = deferredQuery.trim() !== '';
  return (
    <section className="devices-page" aria-label={t('devices.label')}>
      {message && (
        <div className="banner banner-error devices-message" role="alert">
          {message}
          <button type="button" onClick={handle.dismissMessage}>
            {t('devices.dismiss')}
          </button>
        </div>
      )}
      {error && <p className="banner banner-error">{t('devices.loadFailed', { error })}</p>}
      {loaded && devices.length === 0 && <p className="devices-empty">{t('devices.empty')}</p>}
      {devices.length > 0 && (
        <div className="devices-toolbar">
          <input
            type="search"
            className="devices-filter"
            aria-label={t('devices.filter')}
            placeholder={t('devices.filter')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <span className="devices-count">
            {filtering
              ? t('devices.countFiltered', {
                  shown: matching.length.toLocaleString(),
                  devices: devices.length.toLocaleString(),
                })
              : t('devices.count', {
                  devices: devices.length.toLocaleString(),
                  entities: entityCount.toLocaleString(),
                })}
          </span>
        </div>
      )}
      {filtering && matching.length === 0 && (
        <p className="devices-empty">{t('devices.noMatch', { query: deferredQuery.trim() })}</p>
      )}
      <DeviceList
        devices={matching}
        query={deferredQuery.trim()}
        pendingByDevice={pendingByDevice}
        send={handle.send}
        pinned={pinned}
        onPin={onPin}
      />
      {unknown.length > 0 && (
        <details className="devices-unknown">
          <summary>{t('devices.unknown', { count: unknown.length })}</summary>
          <ul>
            {unknown.map((u) => (
              <li key={`${u.sourceId} ${u.topic} ${u.component}`}>
                {u.component} <code>{u.topic}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
