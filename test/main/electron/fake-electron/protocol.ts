// Fake `protocol`: keeps the privileged schemes and handlers, and can request a URL the way the page would.
type ProtocolHandler = (request: { url: string; method: string }) => Response | Promise<Response>;

export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`Protocol ${scheme} has already been handled`);
    this.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  },
  /** Test helper: what the page gets for this URL. */
  async request(url: string): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.replace(/:$/, ''));
    if (!handler) throw new Error(`no handler for ${url}`);
    return handler({ url, method: 'GET' });
  },
};

export function resetProtocol(): void {
  protocol.privileged = [];
  protocol.handlers.clear();
}
