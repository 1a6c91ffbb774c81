// The source form's values, their validation and their translation to the contract's SourceInput. The checks
// use the shared helpers so the form says exactly what main would say.
import { brokerUrlProblem, isValidTopicFilter, type Qos, type SourceInput, type SourceView } from '../../shared/model.ts';

export interface TopicRow {
  filter: string;
  qos: Qos;
}

export interface SourceFormValues {
  name: string;
  url: string;
  username: string;
  /** Empty means "keep the stored password" when editing. */
  password: string;
  /** Explicitly forget the stored password. */
  clearPassword: boolean;
  clientId: string;
  topics: TopicRow[];
  enabled: boolean;
}

export interface SourceFormErrors {
  name?: string;
  url?: string;
  /** One entry per topic row (undefined when the row is fine). */
  topicRows: (string | undefined)[];
  /** Problems with the topic list as a whole. */
  topics?: string;
}

export function emptyForm(): SourceFormValues {
  return {
    name: '',
    url: '',
    username: '',
    password: '',
    clearPassword: false,
    clientId: '',
    topics: [{ filter: '', qos: 0 }],
    enabled: true,
  };
}

export function formFromSource(source: SourceView): SourceFormValues {
  if (source.kind !== 'mqtt') throw new Error(`editing ${source.kind} sources is not supported here yet`);
  return {
    name: source.name,
    url: source.url,
    username: source.username ?? '',
    password: '',
    clearPassword: false,
    clientId: source.clientId ?? '',
    topics: source.topics.map((topic) => ({ ...topic })),
    enabled: source.enabled,
  };
}

export function validateSourceForm(values: SourceFormValues): SourceFormErrors {
  const errors: SourceFormErrors = { topicRows: [] };
  if (!values.name.trim()) errors.name = 'name is required';
  errors.url = brokerUrlProblem(values.url.trim()) ?? undefined;
  errors.topicRows = values.topics.map(({ filter }) => {
    if (!filter) return 'topic filter is empty';
    if (!isValidTopicFilter(filter)) return 'topic filter is invalid: # must be last and alone in its level, + alone in its level';
    return undefined;
  });
  if (values.topics.length === 0) errors.topics = 'at least one topic is required';
  return errors;
}

export function hasErrors(errors: SourceFormErrors): boolean {
  return Boolean(errors.name || errors.url || errors.topics || errors.topicRows.some(Boolean));
}

export function toSourceInput(values: SourceFormValues): SourceInput {
  return {
    kind: 'mqtt',
    name: values.name.trim(),
    url: values.url.trim(),
    username: values.username.trim() || undefined,
    // undefined keeps the stored password, '' removes it (see SourceInput).
    password: values.clearPassword ? '' : values.password || undefined,
    clientId: values.clientId.trim() || undefined,
    topics: values.topics.map(({ filter, qos }) => ({ filter, qos })),
    enabled: values.enabled,
  };
}
