/**
 * `hubspot-softphone/server`: the vendor-server half of a HubSpot calling app.
 * Node 20+ only; never bundle this into the browser build.
 */
export {
  CallingSettingsClient,
  DEFAULT_BASE_URL,
  type CallingSettingsClientOptions,
  type CallOptions,
} from './settings-client.js';
export {
  validateAppId,
  validateCreateCallingSettings,
  validateCreateChannelConnection,
  validateUpdateCallingSettings,
  validateUpdateChannelConnection,
  type CallingSettings,
  type CallingSettingsResponse,
  type ChannelConnectionResponse,
  type ChannelConnectionSettings,
  type CreateCallingSettingsInput,
  type CreateChannelConnectionInput,
  type UpdateCallingSettingsInput,
  type UpdateChannelConnectionInput,
} from './settings-validation.js';
export {
  HubSpotApiError,
  HubSpotNetworkError,
  SettingsValidationError,
  redactSecrets,
  type FieldIssue,
  type HubSpotApiErrorDetails,
} from './errors.js';
export {
  MAX_SIGNATURE_AGE_MS,
  checkSignatureV1,
  checkSignatureV2,
  checkSignatureV3,
  computeSignatureV1,
  computeSignatureV2,
  computeSignatureV3,
  normalizeUriForSignatureV3,
  verifySignatureV1,
  verifySignatureV2,
  verifySignatureV3,
  type SignatureCheck,
  type SignatureFailureReason,
  type SignatureV1Input,
  type SignatureV2Input,
  type SignatureV3Input,
  type SignedBody,
} from './signature.js';
export {
  DEFAULT_REPLAY_MAX_ENTRIES,
  createMemoryReplayGuard,
  type MemoryReplayGuardOptions,
  type SeenSignature,
} from './replay.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SEEN_TIMEOUT_MS,
  FRIENDLY_NAME_MAX_CHARACTERS,
  createPhoneNumbersWebhook,
  isE164,
  truncateGraphemes,
  type PhoneNumber,
  type PhoneNumbersRequest,
  type PhoneNumbersWebhook,
  type PhoneNumbersWebhookErrorInfo,
  type PhoneNumbersWebhookErrorKind,
  type PhoneNumbersWebhookOptions,
} from './phone-numbers-webhook.js';
export { runCli, API_KEY_ENV, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, USAGE, type CliIo } from './cli.js';
