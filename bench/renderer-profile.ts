// `bench/renderer.ts --profile`: a CPU profile of the page's main thread per phase (Chromium's Profiler domain
// over CDP), summed up as the functions with the most self time. Names are readable on an unminified build.
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export class PageProfiler {
  private readonly session: CDPSession;

  private constructor(session: CDPSession) {
    this.session = session;
  }

  static async attach(page: Page): Promise<PageProfiler> {
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 200 });
    return new PageProfiler(session);
  }

  start(): Promise<unknown> {
    return this.session.send('Profiler.start');
  }

  /** Stops and prints the `top` functions by self time. */
  async stop(label: string, top = 15): Promise<void> {
    const { profile } = (await this.session.send('Profiler.stop')) as { profile: Profile };
    const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const selfMs = new Map<string, number>();
    // React components (capitalised names) with the time spent in them and below, each counted once per sample.
    const componentMs = new Map<string, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    // Each sample's time is the delta to the next sample.
    for (let i = 0; i < samples.length; i++) {
      const node = byNode.get(samples[i]!);
      if (!node) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url.split('/').at(-1) ?? '';
      const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
      const sampleMs = (deltas[i + 1] ?? 0) / 1000;
      selfMs.set(key, (selfMs.get(key) ?? 0) + sampleMs);
      const seen = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const name = byNode.get(id)?.callFrame.functionName ?? '';
        if (/^[A-Z][A-Za-z]+$/.test(name) && !seen.has(name)) seen.add(name);
      }
      for (const name of seen) componentMs.set(name, (componentMs.get(name) ?? 0) + sampleMs);
    }
    const total = [...selfMs.values()].reduce((sum, v) => sum + v, 0);
    console.log(`\nprofile ${label}: ${total.toFixed(0)} ms sampled, most self time:`);
    const ranked = [...selfMs.entries()].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
    for (const [key, ms] of ranked.slice(0, top)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
    const components = [...componentMs.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
    console.log(
      `components, time in them and below: ${components.map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(', ')}`,
    );
  }
}
