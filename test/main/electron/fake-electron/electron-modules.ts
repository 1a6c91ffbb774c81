// The Electron modules the fake provides, under Electron's own names. They are the fake `electron`'s named
// exports and, gathered into one object, its default export (what a bundle's CommonJS interop reads).
export { app } from './app.ts';
export { BrowserWindow } from './browser-window.ts';
export { Tray } from './tray.ts';
export { Menu } from './menu.ts';
export { nativeImage } from './native-image.ts';
export { Notification } from './notification.ts';
export { ipcMain, ipcRenderer, contextBridge } from './ipc.ts';
export { shell } from './shell.ts';
export { protocol } from './protocol.ts';
export { session } from './session.ts';
export { powerMonitor } from './power-monitor.ts';
export { safeStorage } from './safe-storage.ts';
export { net } from './net.ts';
export { dialog } from './dialog.ts';
export { globalShortcut } from './global-shortcut.ts';
