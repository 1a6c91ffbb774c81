// Devices announced on the MQTT sources (Home Assistant discovery, Zigbee2MQTT), grouped by area and device,
// with live state, when each was last heard from, offline devices greyed out, and their controls.
import { memo, useMemo } from 'react';
import type { DeviceView } from '../../shared/commands/devices.ts';
import { EntityControl } from './EntityControl.tsx';
import { groupByArea, shown, type Pending } from './devices-state.ts';
import { useDevices, type DevicesHandle } from './use-devices.ts';
import './devices.css';

export function DevicesPage({ active }: { active: boolean }) {
  const handle = useDevices(active);
  const { devices, unknown, loaded, error, message, pending } = handle;
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
    <section className="devices-page" aria-label="Devices">
      {message && (
        <div className="banner banner-error devices-message" role="alert">
          {message}
          <button type="button" onClick={handle.dismissMessage}>
            Dismiss
          </button>
        </div>
      )}
      {error && <p className="banner banner-error">Devices could not be loaded: {error}</p>}
      {loaded && devices.length === 0 && (
        <p className="devices-empty">
          No devices yet. Herald lists what Home Assistant MQTT discovery and Zigbee2MQTT announce on your MQTT sources
          (discovery is on for every MQTT source unless switched off).
        </p>
      )}
      {groups.map((group) => (
        <section key={group.area ?? ''} className="device-area" aria-label={group.area ?? 'No area'}>
          <h2>{group.area ?? 'No area'}</h2>
          <div className="device-grid">
            {group.devices.map((device) => (
              <DeviceCard
                key={device.id}
                device={device}
                pending={pendingByDevice.get(device.id) ?? NO_PENDING}
                send={handle.send}
              />
            ))}
          </div>
        </section>
      ))}
      {unknown.length > 0 && (
        <details className="devices-unknown">
          <summary>{unknown.length} announced entities of kinds Herald does not control</summary>
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
}

const DeviceCard = memo(function DeviceCard({ device, pending, send }: DeviceCardProps) {
  const offline = device.available === false;
  const headingId = `device-${device.id}`;
  const model = [device.manufacturer, device.model].filter(Boolean).join(' ');
  return (
    <article className={offline ? 'device device-offline' : 'device'} aria-labelledby={headingId}>
      <header className="device-header">
        <h3 id={headingId}>{device.name}</h3>
        {offline && <span className="device-badge">Offline</span>}
      </header>
      <p className="device-meta">
        {model && <span>{model}</span>}
        {model && device.lastSeen !== null && ' · '}
        {device.lastSeen !== null && (
          <span>
            last seen <time dateTime={new Date(device.lastSeen).toISOString()}>{lastSeen(device.lastSeen)}</time>
          </span>
        )}
      </p>
      <ul className="entities">
        {device.entities.map((entity) => (
          <EntityControl key={entity.id} entity={shown(entity, pending)} send={send} />
        ))}
      </ul>
    </article>
  );
});

function lastSeen(at: number): string {
  const seconds = Math.round((Date.now() - at) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return new Date(at).toLocaleString();
}
