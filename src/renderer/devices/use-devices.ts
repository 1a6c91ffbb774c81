// The discovered devices, kept live: fetched when the page is first shown and on every (re)connect, then
// changed by devices.changed. Commands show their effect at once and wait for the state topic to confirm it;
// one that is not confirmed within CONFIRM_TIMEOUT_MS is rolled back with a message saying so.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DevicesChanged, DeviceView, UnknownComponent } from '../../shared/commands/devices.ts';
import type { CommandRequest } from '../../shared/contract.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';
import { applyChanges, CONFIRM_TIMEOUT_MS, confirms, findEntity, reported, type Pending } from './devices-state.ts';

const CHANGE_BATCH_MS = 50;

export type DeviceCommand = Omit<CommandRequest<'devices.command'>, 'entityId'>;

export interface DevicesHandle {
  devices: DeviceView[];
  unknown: UnknownComponent[];
  loaded: boolean;
  error: string | null;
  pending: Pending[];
  /** The last command that failed or was rolled back, in words. */
  message: string | null;
  dismissMessage(): void;
  /** Shows a message of the page's own (e.g. a pin that failed) where command failures show. */
  report(message: string): void;
  /** Sends a command; with `expect`, shows that value until the state topic confirms it (or rolls it back). */
  send(entityId: string, command: DeviceCommand, expect?: Pick<Pending, 'field' | 'expected'>): void;
}

export function useDevices(active: boolean): DevicesHandle {
  const client = useClient();
  const t = useT();
  const { epoch } = useLinkStatus();
  const [devices, setDevices] = useState<DeviceView[]>([]);
  const [unknown, setUnknown] = useState<UnknownComponent[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const wanted = active || loaded;
  // send() reads the devices through a ref, so it stays the same function and unchanged cards need not re-render.
  const devicesRef = useRef(devices);
  useEffect(() => {
    devicesRef.current = devices;
  }, [devices]);

  // A discovery flood sends hundreds of changes a second: they are applied together, at most every
  // CHANGE_BATCH_MS, so the page renders once per batch rather than once per change.
  useEffect(() => {
    let queued: DevicesChanged[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('devices.changed', (change) => {
      queued.push(change);
      timer ??= setTimeout(() => {
        const changes = queued;
        queued = [];
        timer = null;
        setDevices((current) => applyChanges(current, changes));
      }, CHANGE_BATCH_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client]);

  useEffect(() => {
    if (!wanted || epoch === 0) return;
    let live = true;
    client.invoke('devices.list', {}).then(
      (reply) => {
        if (!live) return;
        setDevices(reply.devices);
        setUnknown(reply.unknown);
        setLoaded(true);
        setError(null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [client, epoch, wanted]);

  // A reported state that matches a pending command confirms it.
  useEffect(() => {
    setPending((current) => {
      const left = current.filter((p) => {
        const found = findEntity(devices, p.entityId);
        return found !== null && !confirms(found.entity, p);
      });
      return left.length === current.length ? current : left;
    });
  }, [devices]);

  // The earliest deadline rolls back what has not been confirmed by then.
  useEffect(() => {
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((p) => p.deadline));
    const timer = setTimeout(
      () => {
        const now = Date.now();
        const expired = pending.filter((p) => p.deadline <= now);
        if (expired.length === 0) return;
        setPending((current) => current.filter((p) => p.deadline > now));
        const names = expired.map((p) => {
          const found = findEntity(devices, p.entityId);
          return found ? `${found.device.name}: ${found.entity.name}` : p.entityId;
        });
        setMessage(
          t('devices.notConfirmed', { names: [...new Set(names)].join(', '), seconds: CONFIRM_TIMEOUT_MS / 1000 }),
        );
      },
      Math.max(0, next - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [pending, devices, t]);

  const send = useCallback(
    (entityId: string, command: DeviceCommand, expect?: Pick<Pending, 'field' | 'expected'>) => {
      const found = findEntity(devicesRef.current, entityId);
      const optimistic =
        expect && found && reported(found.entity, expect.field) !== expect.expected
          ? { entityId, ...expect, deadline: Date.now() + CONFIRM_TIMEOUT_MS }
          : null;
      if (optimistic) {
        setPending((current) => [
          ...current.filter((p) => !(p.entityId === entityId && p.field === optimistic.field)),
          optimistic,
        ]);
      }
      client.invoke('devices.command', { entityId, ...command }).catch((err: unknown) => {
        if (optimistic) setPending((current) => current.filter((p) => p !== optimistic));
        setMessage(t('devices.commandFailed', { name: found?.entity.name ?? entityId, error: errorMessage(err) }));
      });
    },
    [client, t],
  );

  return {
    devices,
    unknown,
    loaded,
    error,
    pending,
    message,
    dismissMessage: useCallback(() => setMessage(null), []),
    report: setMessage,
    send,
  };
}
