// The one list of source kinds. Everything that differs by kind (the settings/input/view/stored unions, the UI's
// names and order, the command line's kinds and schemes) is derived from it, so a new kind is its definition
// file plus one line here (and its code in main/core/sources/).
import { z } from 'zod';
import { urlProblem } from './define.ts';
import { gotify } from './gotify.ts';
import { http } from './http.ts';
import { mqtt } from './mqtt.ts';
import { ntfy } from './ntfy.ts';
import { sse } from './sse.ts';
import { websocket } from './websocket.ts';
import { webhook } from './webhook.ts';

/** In the order the UI offers them. */
export const SOURCE_KIND_DEFINITIONS = [mqtt, websocket, sse, http, ntfy, gotify, webhook] as const;
type Definitions = typeof SOURCE_KIND_DEFINITIONS;
type Definition = Definitions[number];

type KindsOf<T extends readonly Definition[]> = { readonly [I in keyof T]: T[I]['kind'] };
export const SOURCE_KINDS = SOURCE_KIND_DEFINITIONS.map(
  (definition) => definition.kind,
) as unknown as KindsOf<Definitions>;
export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;

export type KindDefinitionOf<K extends SourceKind> = Extract<Definition, { kind: K }>;

export function kindDefinition<K extends SourceKind>(kind: K): KindDefinitionOf<K> {
  return SOURCE_KIND_DEFINITIONS.find((definition) => definition.kind === kind) as KindDefinitionOf<K>;
}

/** One value per kind, e.g. what the UI calls each. */
export function byKind<T>(pick: (definition: Definition) => T): Record<SourceKind, T> {
  const entries = SOURCE_KIND_DEFINITIONS.map((definition) => [definition.kind, pick(definition)]);
  return Object.fromEntries(entries) as Record<SourceKind, T>;
}

/** The kind a command-line source URL without `kind=` is, when its scheme implies one (mqtt://, ws://...). */
export function kindImpliedBy(scheme: string): SourceKind | undefined {
  return SOURCE_KIND_DEFINITIONS.find((definition) => definition.url.implied?.includes(scheme))?.kind;
}

/** The kinds whose URLs may have this scheme, in the list's order. */
export function kindsTaking(scheme: string): SourceKind[] {
  const taking = SOURCE_KIND_DEFINITIONS.filter((definition) => definition.url.schemes.includes(scheme));
  return taking.map((definition) => definition.kind);
}

/** Why a source URL is unusable for this kind, or null when it is fine. The UI and main give the same reason. */
export function sourceUrlProblem(raw: string, kind: SourceKind = 'mqtt'): string | null {
  return urlProblem(raw, kindDefinition(kind).url);
}

/** @deprecated name kept for MQTT-only callers. */
export const brokerUrlProblem = (raw: string) => sourceUrlProblem(raw, 'mqtt');

// Each kind's settings object extended with the same fields, keeping every member's static type, so that
// `z.infer` of the union narrows on `kind` exactly as a hand-written union would. (z.discriminatedUnion over a
// mapped array would only know "some ZodObject"; the casts below restore what the map keeps at run time.)
type Shape = z.core.$ZodLooseShape;
type Config = z.core.$ZodObjectConfig;
type Extended<T, U extends Shape, C extends Config> = T extends { settings: z.ZodObject<infer Own> }
  ? z.ZodObject<z.util.Extend<Own, z.util.Writeable<U>>, C>
  : never;
type EachExtended<T extends readonly Definition[], U extends Shape, C extends Config> = {
  -readonly [I in keyof T]: Extended<T[I], U, C>;
};
type EachSettings<T extends readonly Definition[]> = { -readonly [I in keyof T]: T[I]['settings'] };
type KindUnion<Options extends readonly z.ZodObject[]> = z.ZodDiscriminatedUnion<Options, 'kind'>;

function unionOf<Options extends readonly z.ZodObject[]>(options: z.ZodObject[]): KindUnion<Options> {
  return z.discriminatedUnion('kind', options as [z.ZodObject, ...z.ZodObject[]]) as unknown as KindUnion<Options>;
}

/** The union of every kind's settings, on `kind`. */
export function settingsOfEveryKind(): KindUnion<EachSettings<Definitions>> {
  return unionOf(SOURCE_KIND_DEFINITIONS.map((definition) => definition.settings));
}

/** The union of every kind's settings plus `fields`, on `kind`. */
export function everyKindWith<U extends Shape>(fields: U): KindUnion<EachExtended<Definitions, U, z.core.$strip>> {
  return unionOf(SOURCE_KIND_DEFINITIONS.map((definition) => definition.settings.extend(fields)));
}

/** Like everyKindWith, rejecting unknown keys. */
export function everyKindWithStrict<U extends Shape>(
  fields: U,
): KindUnion<EachExtended<Definitions, U, z.core.$strict>> {
  return unionOf(SOURCE_KIND_DEFINITIONS.map((definition) => definition.settings.extend(fields).strict()));
}
