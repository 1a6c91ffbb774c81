// Child process for bundle-smoke.test.ts: starts the BUILT app (out/main/index.js, the real core included) on
// the fake Electron, drives it like a user would and prints one JSON line with what it observed.
import { register } from 'node:module';
import { connectAsync } from 'mqtt';

register('./fake-electron-loader.ts', import.meta.url);
const fake = await import('../main/electron/fake-electron.ts');
await import(process.argv[2]!);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(50);
  }
}

const tray = await until(() => fake.Tray.instances[0], 'the tray');
const window = fake.BrowserWindow.instances[0]!;
await until(() => tray.tooltip.includes('connected'), 'the default source to connect');

const body = `smoke ${Date.now()}`;
const client = await connectAsync(`mqtt://127.0.0.1:${process.env.HERALD_BROKER_PORT}`);
await client.publishAsync('herald/smoke', body, { qos: 1 });
await client.endAsync();

const notification = await until(
  () => fake.Notification.instances.find((n) => String(n.options.body).includes(body)),
  'a notification',
);
await until(() => tray.tooltip.startsWith('Herald — 1 unread'), 'the tray tooltip to count it');
const list = (await fake.ipcRenderer.invoke('herald:invoke', 'inbox.list', { limit: 10 })) as {
  ok: boolean;
  value: { items: { id: number; preview: string }[] };
};
fake.ipcRenderer.pageUrl = 'https://evil.example/';
const foreign = await fake.ipcRenderer.invoke('herald:invoke', 'inbox.markAllRead', {});
fake.ipcRenderer.pageUrl = 'app://herald/index.html';

notification.click();
await until(() => window.webContents.sent.some((m) => m.args[0] === 'ui.openMessage'), 'ui.openMessage');
const page = await fake.protocol.request('app://herald/index.html');

(tray.contextMenu as InstanceType<typeof fake.Menu>).item('Quit').click();
await until(() => fake.app.quitCalls >= 2, 'quit to finish', 10_000);

console.log(
  JSON.stringify({
    tooltip: tray.tooltip,
    trayImages: tray.images.length,
    badgeCounts: fake.app.badgeCounts,
    notification: notification.options,
    listed: list.ok ? list.value.items.map((item) => item.preview) : list,
    foreign,
    sentEvents: [...new Set(window.webContents.sent.map((m) => m.args[0]))],
    windowVisible: window.isVisible(),
    pageStatus: page.status,
    csp: page.headers.get('content-security-policy'),
    errors: fake.dialog.errors,
    quitCalls: fake.app.quitCalls,
  }),
);
process.exit(0);
