// One line about how a publish went, for the panels' status lines and the history.
import type { PublishResult } from '../../shared/publish.ts';

export function resultText(result: PublishResult, sourceName: string, topic: string): string {
  const where = topic ? `${sourceName} · ${topic}` : sourceName;
  const note = result.note ? ` (${result.note})` : '';
  if (result.outcome === 'sent') return `Sent to ${where}${note}`;
  return `Queued: ${sourceName} is offline; ${result.queued} waiting, sent when it is back${note}`;
}
