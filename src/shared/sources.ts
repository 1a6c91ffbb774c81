// Every kind of source Herald can listen to, as the user configures it. Each kind is defined once
// (sources/<kind>.ts: its settings schema, URL schemes, what the UI calls it) and listed once (sources/kinds.ts);
// the settings file, the contract, the UI and the command line all derive from those. Secrets (passwords,
// tokens, private keys) are write-only fields of the input: they go to the secret store and never travel back.
export { orList } from './sources/define.ts';
export { FieldMapping, isValidTopicFilter, Qos, TopicSubscription } from './sources/fields.ts';
export {
  brokerUrlProblem,
  byKind,
  everyKindWith,
  kindImpliedBy,
  kindsTaking,
  SOURCE_KINDS,
  SourceKind,
  sourceUrlProblem,
} from './sources/kinds.ts';
export {
  SECRET_FIELDS,
  secretFlagFields,
  secretFlagsOf,
  type SecretField,
  type SecretFlags,
  type SecretValues,
} from './sources/secrets.ts';
export {
  SourceInput,
  SourceSettings,
  SourceUpdate,
  type ParsedSourceInput,
  type SourceSettingsOf,
} from './sources/unions.ts';
export { GotifySettings } from './sources/gotify.ts';
export { MqttSettings, MqttTls } from './sources/mqtt.ts';
export { NtfySettings } from './sources/ntfy.ts';
export { SseSettings } from './sources/sse.ts';
export { WebSocketSettings } from './sources/websocket.ts';
