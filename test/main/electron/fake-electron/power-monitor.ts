// Fake `powerMonitor`: tests emit suspend/resume/lock-screen on it directly.
import { EventEmitter } from 'node:events';

export const powerMonitor = new EventEmitter();
