// Preload entry (bundled to one CommonJS file, as sandboxed preloads require): exposes exactly one object.
import { contextBridge } from 'electron';
import { heraldBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('herald', heraldBridge);
