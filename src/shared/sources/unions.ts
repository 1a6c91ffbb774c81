// The kind-discriminated unions the settings, the contract and the command line use, one member per kind.
import { z } from 'zod';
import { everyKindWithStrict, settingsOfEveryKind, type SourceKind } from './kinds.ts';
import { secretInputs } from './secrets.ts';

/** Non-secret settings of a source, whatever its kind. */
export const SourceSettings = settingsOfEveryKind();
export type SourceSettings = z.infer<typeof SourceSettings>;
export type SourceSettingsOf<K extends SourceKind> = Extract<SourceSettings, { kind: K }>;

/** What the user submits for a source: its kind's settings plus write-only secrets. */
export const SourceInput = everyKindWithStrict(secretInputs);
export type SourceInput = z.input<typeof SourceInput>;
export type ParsedSourceInput = z.output<typeof SourceInput>;

/** An edit of a saved source: the same fields plus its id. */
export const SourceUpdate = everyKindWithStrict({ ...secretInputs, id: z.string().min(1) });
export type SourceUpdate = z.input<typeof SourceUpdate>;
