/**
 * Compiled (never run) against dist/server's published types: the verdict of
 * verifySignatureV* is a boolean, so `if (!verifySignatureV3(...))` means what it says.
 * Lines marked @ts-expect-error fail the build if they compile.
 */
/// <reference types="node" />
import {
  checkSignatureV1,
  checkSignatureV2,
  checkSignatureV3,
  createMemoryReplayGuard,
  createPhoneNumbersWebhook,
  verifySignatureV1,
  verifySignatureV2,
  verifySignatureV3,
  type SeenSignature,
  type SignatureCheck,
  type SignatureV3Input,
} from 'hubspot-softphone/server';

declare const input: SignatureV3Input;

// The plain verdicts are exactly `boolean`: what `if` sees is the answer itself.
const v3: boolean = verifySignatureV3(input);
const v2: boolean = verifySignatureV2({ method: 'POST', url: 'https://x.example/', body: '', signature: 's', clientSecret: 'c' });
const v1: boolean = verifySignatureV1({ body: '', signature: 's', clientSecret: 'c' });
function handle(): number {
  if (!verifySignatureV3(input)) return 401;
  return 200;
}
// And nothing wider than boolean: true | false, no object hiding inside.
type IsExactlyBoolean<T> = [T] extends [boolean] ? ([boolean] extends [T] ? true : false) : false;
const exact: IsExactlyBoolean<ReturnType<typeof verifySignatureV3>> = true;

// @ts-expect-error: the verdict is not an object any more
const asObject: { ok: boolean } = verifySignatureV3(input);
// @ts-expect-error: old-style `.ok` on the verdict does not compile (it would be undefined)
verifySignatureV3(input).ok;
// @ts-expect-error: v1 and v2 answer booleans too
const v2Object: SignatureCheck = verifySignatureV2({ method: 'GET', url: 'https://x.example/', body: '', signature: 's', clientSecret: 'c' });

// The reason comes from check*, for logging.
const check: SignatureCheck = checkSignatureV3(input);
if (!check.ok) {
  const reason: 'missing-secret' | 'missing-signature' | 'missing-timestamp' | 'invalid-timestamp' | 'stale-timestamp'
    | 'future-timestamp' | 'invalid-input' | 'mismatch' = check.reason;
  const detail: string | undefined = check.detail;
  void reason;
  void detail;
}
// @ts-expect-error: reason exists only on a failed check
void checkSignatureV3(input).reason;
void checkSignatureV2;
void checkSignatureV1;

// The replay hook: sync or async boolean; anything else does not compile.
const redisLike: SeenSignature = async (signature, timestamp) => signature.length > 0 && timestamp > 0;
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: redisLike });
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: createMemoryReplayGuard({ maxEntries: 100 }) });
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: false });
// @ts-expect-error: a Redis reply such as 'OK' is not a yes/no answer
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: async () => 'OK' });
// @ts-expect-error: `true` is not a way to turn it on; leave it out for the default
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: true });

void [v3, v2, v1, handle, exact, asObject, v2Object];
