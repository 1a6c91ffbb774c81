// One device's card: its name, offline badge (greyed out while its availability topic says offline), model,
// when it was last heard from, and a row per entity.
import { memo } from 'react';
import type { DeviceView } from '../../shared/commands/devices.ts';
import { useT, type Translate } from '../i18n/i18n.ts';
import { EntityControl } from './EntityControl.tsx';
import { shown, type Pending } from './devices-state.ts';
import type { DevicesHandle } from './use-devices.ts';

interface DeviceCardProps {
  device: DeviceView;
  /** This device's pending commands only: a card whose device and commands did not change is not redrawn. */
  pending: Pending[];
  send: DevicesHandle['send'];
  /** Ids of the pinned entities. */
  pinned: ReadonlySet<string>;
  onPin(entityId: string, name: string, pinned: boolean): void;
}

export const DeviceCard = memo(function DeviceCard({ device, pending, send, pinned, onPin }: DeviceCardProps) {
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
            // shown() returns the entity itself when nothing is pending for it, so its row stays memoised.
            entity={shown(entity, pending)}
            send={send}
            pinned={pinned.has(entity.id)}
            onPin={onPin}
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
