// A device as its announcer describes it (Home Assistant's `device` block, a Zigbee2MQTT bridge entry).
import type { DeviceView } from '../../../shared/commands/devices.ts';

export type DeviceInfo = Pick<DeviceView, 'id' | 'sourceId' | 'origin' | 'name' | 'area' | 'model' | 'manufacturer'>;
