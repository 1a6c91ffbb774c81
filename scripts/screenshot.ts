// Regenerates docs/screenshot.png for the README: the real headless server with a few realistic messages,
// photographed in Chromium. Run after a build: `npm run build && node scripts/screenshot.ts`.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mosquittoPubOne } from '../test/helpers/mosquitto.ts';
import { launchBrowser, messageRows, openHerald, REPO_ROOT, startHerald } from '../test/e2e/harness.ts';

const OUTPUT = join(REPO_ROOT, 'docs', 'screenshot.png');

/** Oldest first, as they would have arrived. */
const MESSAGES: [topic: string, payload: string][] = [
  [
    'herald/backup',
    JSON.stringify({ title: 'Nightly backup complete', message: '412 GB in 38 min, no errors', priority: 2 }),
  ],
  ['herald/sensors/greenhouse', 'Humidity 41 %, temperature 23.4 °C'],
  [
    'herald/home/front-door',
    JSON.stringify({ title: 'Front door opened', message: 'Unlocked with the keypad by Sam' }),
  ],
  [
    'herald/shop',
    JSON.stringify({ title: 'Order shipped', message: 'Your parcel is on its way, arriving Thursday', priority: 2 }),
  ],
  [
    'herald/monitoring',
    JSON.stringify({ title: 'CPU high on build-03', message: 'Load 14.2 for the last 10 minutes', priority: 4 }),
  ],
  [
    'herald/ci',
    JSON.stringify({
      title: 'Deploy to production finished',
      message: 'api v2.14.0 is live on 6/6 hosts. Run: https://ci.example.com/runs/4821',
      commit: '9f3c2ab',
      durationSeconds: 214,
    }),
  ],
  [
    'herald/alerts/disk',
    JSON.stringify({
      title: 'Disk almost full on nas-01',
      message: '/volume1 is 96 % full (220 GB left)',
      priority: 5,
    }),
  ],
];

/** The picture should show the usual broker address when that port is free here. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const server = await startHerald({ brokerPort: (await portIsFree(1883)) ? 1883 : undefined });
const browser = await launchBrowser();
try {
  const { context, page } = await openHerald(browser, server);
  await page.setViewportSize({ width: 1200, height: 680 });
  await page.emulateMedia({ colorScheme: 'light' });
  for (const [topic, payload] of MESSAGES) await mosquittoPubOne(server.brokerPort!, topic, payload);
  await messageRows(page)
    .nth(MESSAGES.length - 1)
    .waitFor();
  // Open one message so the detail pane has something to show; the rest stay unread.
  await messageRows(page).filter({ hasText: 'Deploy to production finished' }).click();
  await page.getByTestId('message-body').getByRole('link').waitFor();
  await page.mouse.move(0, 0); // no hover highlight in the picture
  await page.screenshot({ path: OUTPUT });
  await context.close();
  console.log(`wrote ${OUTPUT}`);
} finally {
  await browser.close();
  await server.stop();
}
