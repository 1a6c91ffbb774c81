// Commands of administration: testing a source's connection (Sources page) and moving the whole setup between
// machines (config export/import, for a Settings page).
import { z } from 'zod';
import { ConnectionTestResult } from '../connection-test.ts';
import { SourceInput } from '../sources.ts';

/** What an import adds, changes and removes, by name. */
const Changes = z.object({ added: z.array(z.string()), changed: z.array(z.string()), removed: z.array(z.string()) });

export const ImportPreview = z.object({
  /** When the document was exported (ISO 8601). */
  exportedAt: z.string(),
  sources: Changes,
  rules: Changes,
  /** Other sections of the settings that differ (broker, notifications, inbox, publish...). */
  settings: z.array(z.string()),
  /** How many secrets the document carries (0 for a plain export: saved secrets of kept sources stay). */
  secrets: z.number().int().min(0),
  /** The embedded broker's files the import writes: its ACL, its users (password file, sealed with the secrets). */
  brokerFiles: z.array(z.enum(['acl', 'users'])).default([]),
  /** What the administrator's policy locks, kept as it is whatever the document says. */
  locked: z.array(z.string()).optional(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** The preview as lines a person reads: "+ source Office", "~ rule night", "- source Lab", "~ settings broker". */
export function describeImportPreview(preview: ImportPreview): string[] {
  const lines: string[] = [];
  for (const [what, changes] of [
    ['source', preview.sources],
    ['rule', preview.rules],
  ] as const) {
    lines.push(...changes.added.map((name) => `+ ${what} ${name}`));
    lines.push(...changes.changed.map((name) => `~ ${what} ${name}`));
    lines.push(...changes.removed.map((name) => `- ${what} ${name}`));
  }
  lines.push(...preview.settings.map((section) => `~ settings ${section}`));
  if (preview.brokerFiles.includes('acl')) lines.push('~ broker ACL (written to the data dir)');
  if (preview.brokerFiles.includes('users')) lines.push('~ broker users (password file, written to the data dir)');
  if (preview.locked?.length) lines.push(`= kept as your administrator's policy sets it: ${preview.locked.join(', ')}`);
  lines.push(
    preview.secrets > 0
      ? `  ${preview.secrets} secret${preview.secrets === 1 ? '' : 's'} (passwords, tokens, keys) from the file`
      : '  no secrets in the file: sources kept by id keep their saved passwords and tokens',
  );
  if (lines.length === 1) lines.unshift('  nothing changes');
  return lines;
}

/** A setup document (JSON text), and its passphrase when it carries encrypted secrets. */
const ImportRequest = z
  .object({
    document: z
      .string()
      .min(1)
      .max(16 * 1024 * 1024),
    passphrase: z.string().min(1).optional(),
  })
  .strict();

export const configCommands = {
  /** The whole setup as a versioned JSON document; secrets only with a passphrase, then encrypted. */
  'config.export': {
    request: z.object({ passphrase: z.string().min(1).optional() }).strict(),
    response: z.object({ document: z.string() }),
  },
  /** What importing the document would add, change and remove; nothing is changed. */
  'config.previewImport': { request: ImportRequest, response: ImportPreview },
  /** Replaces the setup with the document's; the reply is what changed. */
  'config.import': {
    request: ImportRequest,
    response: z.object({
      preview: ImportPreview,
      /** The embedded broker's settings changed: they apply at the next start. */
      restartNeeded: z.boolean(),
    }),
  },
} as const;

export const adminCommands = {
  /**
   * Tests reaching a source step by step. `id` alone tests a saved source as saved; `source` alone tests what a
   * form holds; both test the form's values with the saved source's secrets where the form leaves them blank.
   */
  'sources.test': {
    request: z
      .object({ id: z.string().min(1).optional(), source: SourceInput.optional() })
      .strict()
      .refine((r) => r.id !== undefined || r.source !== undefined, 'give a saved source id, a source, or both'),
    response: ConnectionTestResult,
  },
  ...configCommands,
} as const;
