// Gotify messages name their application only by id; the inbox shows the application's name as the topic
// and its image as the icon. The list is read at every (re)connect and again when a message names an
// application we do not know yet (one created since), at most once per id and minute.
import type { GotifyApi } from './gotify-api.ts';
import type { GotifyApp } from './gotify-message.ts';

const REFRESH_PER_ID_MS = 60_000;

export class GotifyApps {
  private readonly api: GotifyApi;
  private apps = new Map<number, GotifyApp>();
  private readonly refreshedFor = new Map<number, number>();

  constructor(api: GotifyApi) {
    this.api = api;
  }

  /** Reads the list; errors (bad token, server down) go to the caller. */
  async load(signal: AbortSignal): Promise<void> {
    const list = await this.api.applications(signal);
    this.apps = new Map(
      list.map((app) => [app.id, { name: app.name, ...(app.image ? { icon: this.api.resolve(app.image) } : {}) }]),
    );
  }

  /** The application, refreshing the list once for an unknown id; a stand-in name if it stays unknown. */
  async lookup(appid: number, signal: AbortSignal): Promise<GotifyApp> {
    const known = this.apps.get(appid);
    if (known) return known;
    const last = this.refreshedFor.get(appid);
    if (last === undefined || Date.now() - last > REFRESH_PER_ID_MS) {
      this.refreshedFor.set(appid, Date.now());
      try {
        await this.load(signal);
      } catch {
        // The message matters more than its application's name: store it under a stand-in.
      }
    }
    return this.apps.get(appid) ?? { name: `Gotify application ${appid}` };
  }
}
