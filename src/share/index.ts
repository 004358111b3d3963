// The public API of sharing and embedding: share links, the embed postMessage protocol, snippets.
export {
  CURRENT_VERSION,
  MAX_PAYLOAD_CHARS,
  MAX_PAYLOAD_JSON_BYTES,
  SIMPLE_SEED_DEFAULT,
  SUPPORTED_VERSIONS,
  decodeShareState,
  encodeShareState,
  type DecodeResult,
  type ShareState,
  type ShareView,
} from './share-link';
export {
  MESSAGE_PREFIX,
  parseHostCommand,
  type HostCommand,
  type HostCommandContext,
  type HostCommandType,
  type LabEvent,
  type LabEventType,
  type ParseCommandResult,
} from './embed-messages';
export {
  embedSnippet,
  escapeAttribute,
  readEmbedParams,
  type EmbedControls,
  type EmbedOptions,
  type EmbedParams,
  type EmbedTheme,
} from './embed-snippet';
export { MAX_QUERY_CHARS, type QueryInput } from './query';
