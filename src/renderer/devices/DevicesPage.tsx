// Devices announced on the MQTT sources (Home Assistant discovery, Zigbee2MQTT), grouped by area and device,
// with live state, when each was last heard from, offline devices greyed out, and their controls.
import { memo, useCallback, useMemo } from 'react';
import type { DeviceView } from '../../shared/commands/devices.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useFavourites } from '../favourites/use-favourites.ts';
import { useT, type Translate } from '../i18n/i18n.ts';
import { EntityControl } from './EntityControl.tsx';
import { groupByArea, shown, type Pending } from './devices-state.ts';
import { useDevices, type DevicesHandle } from './use-devices.ts';
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
  const groups = useMemo(() => groupByArea(devices), [devices]);
  // Each card gets only its own pending commands: a card whose device and commands did not change is not redrawn.
  const pendingByDevice = useMemo(() => {
    const byDevice = new Map<string, Pending[]>();
    for (const p of pending) {
      const device = devices.find((d) => d.entities.some((e) => e.id === p.entityId));
      if (device) byDevice.set(device.id, [...(byDevice.get(device.id) ?? []), p]);
    }
    return byDevice;
  }, [devices, pending]);
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
      {groups.map((group) => (
        <section key={group.area ?? ''} className="device-area" aria-label={group.area ?? t('devices.noArea')}>
          <h2>{group.area ?? t('devices.noArea')}</h2>
          <div className="device-grid">
            {group.devices.map((device) => (
              <DeviceCard
                key={device.id}
                device={device}
                pending={pendingByDevice.get(device.id) ?? NO_PENDING}
                send={handle.send}
                pinned={pinned}
                onPin={onPin}
              />
            ))}
          </div>
        </section>
      ))}
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

const NO_PENDING: Pending[] = [];

interface DeviceCardProps {
  device: DeviceView;
  pending: Pending[];
  send: DevicesHandle['send'];
  /** Ids of the pinned entities. */
  pinned: ReadonlySet<string>;
  onPin(entityId: string, name: string, pinned: boolean): void;
}

const DeviceCard = memo(function DeviceCard({ device, pending, send, pinned, onPin }: DeviceCardProps) {
  const t = useT();
  const offline = device.available === false;
  const headingId = `device-${device.id}`;
  const model = [device.manufacturer, device.model].filter(Boolean).join(' ');
  return (
    <article className={offline ? 'device device-offline' : 'device'} aria-labelledby={headingId}>
      <header className="device-header">
        <h3 id={headingId}>{device.name}</h3>
        {offline && <span className="device-badge">{t('devices.offline')}</span>}
      </header>
      <p className="device-meta">
        {model && <span>{model}</span>}
        {model && device.lastSeen !== null && ' · '}
        {device.lastSeen !== null && (
          <span>
            {t('devices.lastSeen')}{' '}
            <time dateTime={new Date(device.lastSeen).toISOString()}>{lastSeen(device.lastSeen, t)}</time>
          </span>
        )}
      </p>
      <ul className="entities">
        {device.entities.map((entity) => (
          <EntityControl
            key={entity.id}
            entity={shown(entity, pending)}
            send={send}
            pinned={pinned.has(entity.id)}
            onPin={(on) => onPin(entity.id, entity.name, on)}
          />
        ))}
      </ul>
    </article>
  );
});

function lastSeen(at: number, t: Translate): string {
  const seconds = Math.round((Date.now() - at) / 1000);
  if (seconds < 60) return t('devices.justNow');
  if (seconds < 3600) return t('devices.minutesAgo', { minutes: Math.round(seconds / 60) });
  return new Date(at).toLocaleString();
}
