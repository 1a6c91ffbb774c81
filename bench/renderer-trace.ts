// The page's main-thread tasks from Chromium's trace ('toplevel' category), for `bench/renderer.ts`: each task's
// wall time and its thread (CPU) time. On a machine shared with other work, wall time also counts the time the
// thread waited for a core; CPU time does not, so it shows what the page's own work costs.
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadTasks {
  /** CPU time of the main thread's tasks, added up. */
  cpuMs: number;
  /** Tasks that took over `threshold` ms of CPU time. */
  overCpu: number;
  maxCpuMs: number;
  /** Tasks that took over `threshold` ms of wall time. */
  overWall: number;
  maxWallMs: number;
}

const TASK = /^(ThreadControllerImpl::RunTask|RunTask)$/;

export async function traced<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
  thresholdMs = 50,
): Promise<{ result: T; tasks: MainThreadTasks }> {
  await browser.startTracing(page, { categories: ['toplevel', '__metadata'] });
  let result: T;
  try {
    result = await work();
  } catch (err) {
    await browser.stopTracing();
    throw err;
  }
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  const main = traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = { cpuMs: 0, overCpu: 0, maxCpuMs: 0, overWall: 0, maxWallMs: 0 };
  if (!main) return { result, tasks };
  for (const event of traceEvents) {
    if (event.ph !== 'X' || event.pid !== main.pid || event.tid !== main.tid || !TASK.test(event.name)) continue;
    const wall = (event.dur ?? 0) / 1000;
    const cpu = (event.tdur ?? 0) / 1000;
    tasks.cpuMs += cpu;
    tasks.maxCpuMs = Math.max(tasks.maxCpuMs, cpu);
    tasks.maxWallMs = Math.max(tasks.maxWallMs, wall);
    if (cpu > thresholdMs) tasks.overCpu++;
    if (wall > thresholdMs) tasks.overWall++;
  }
  return { result, tasks };
}
