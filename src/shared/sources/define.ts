// How one kind of source is described: its settings schema (built here around the fields every kind has), the
// URLs it takes and what the UI calls it. A kind is one `defineKind` call in its own file, listed in kinds.ts.
import { z } from 'zod';

export interface UrlWording {
  label: string;
  placeholder: string;
  hint: string;
}

export interface KindUrl {
  /** Allowed schemes, in the order the error message lists them. */
  schemes: readonly [string, ...string[]];
  /** Shown when the text is not a URL at all. */
  example: string;
  /** The form's URL field. */
  wording: UrlWording;
  /** `herald serve --source` URLs with these schemes are this kind unless `kind=` says otherwise. */
  implied?: readonly string[];
  /** What else the kind needs of its URL (e.g. a webhook's /hook/NAME path), or null when it is fine. */
  check?: (url: URL) => string | null;
}

export interface KindSpec<K extends string, F extends z.core.$ZodLooseShape> {
  kind: K;
  /** The kind's name in the UI. */
  label: string;
  url: KindUrl;
  /** The kind's own settings, after kind, name, enabled and url. */
  fields: F;
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')}${items.length > 1 ? ' or ' : ''}${items.at(-1) ?? ''}`;
}

/** Why `raw` is unusable as a URL of this shape, or null when it is fine. */
export function urlProblem(raw: string, url: Pick<KindUrl, 'schemes' | 'example' | 'check'>): string | null {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return `"${raw}" is not a URL; expected something like ${url.example}`;
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  const allowed = url.schemes;
  if (!allowed.includes(scheme)) {
    return `unsupported scheme "${scheme}"; use ${orList(allowed)}`;
  }
  if (!parsed.hostname) return 'the URL has no host name';
  if (parsed.username || parsed.password) return 'put the user name and password in their own fields, not in the URL';
  return url.check?.(parsed) ?? null;
}

const urlField = (url: KindUrl) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = urlProblem(value, url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** The kind's non-secret settings (what is saved and shown back): the common fields, then its own. */
export function defineKind<const K extends string, F extends z.core.$ZodLooseShape>(spec: KindSpec<K, F>) {
  const settings = z.object({
    kind: z.literal(spec.kind),
    name: z.string().trim().min(1, 'name is required').max(100),
    enabled: z.boolean().default(true),
    url: urlField(spec.url),
    /**
     * Messages no rule decides notify from this priority up (never below 3: priorities 1-2 stay in the inbox
     * unless a rule says otherwise).
     */
    minPriority: z.number().int().min(1).max(5).default(1),
    /** The group the Sources page lists it under (e.g. "Office", "Home"); none: ungrouped. */
    group: z.string().trim().min(1).max(60).optional(),
    ...spec.fields,
  });
  return { ...spec, settings };
}
