// One line about how a publish went, for the panels' status lines and the history.
import type { PublishResult } from '../../shared/publish.ts';
import type { Translate } from '../i18n/i18n.ts';

export function resultText(result: PublishResult, sourceName: string, topic: string, t: Translate): string {
  const where = topic ? `${sourceName} · ${topic}` : sourceName;
  const note = result.note ? ` (${result.note})` : '';
  if (result.outcome === 'sent') return `${t('publish.sentTo', { where })}${note}`;
  return `${t('publish.queued', { source: sourceName, count: result.queued })}${note}`;
}
