// The two IPC channels between the preload and main. Kept free of Electron imports so the preload bundle and
// the main process share one spelling. Every command travels over INVOKE as (commandName, payload); every event
// comes back over EVENT as (eventName, payload) — never one channel per command.
export const INVOKE_CHANNEL = 'herald:invoke';
export const EVENT_CHANNEL = 'herald:event';
