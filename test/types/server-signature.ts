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
  type SignatureFailureReason,
  type SignatureV1Input,
  type SignatureV2Input,
  type SignatureV3Input,
} from 'hubspot-softphone/server';

declare const input: SignatureV3Input;
declare const inputV2: SignatureV2Input;
declare const inputV1: SignatureV1Input;

// The plain verdicts are exactly `boolean`: what `if` sees is the answer itself.
const v3: boolean = verifySignatureV3(input);
const v2: boolean = verifySignatureV2({ method: 'POST', url: 'https://x.example/', body: '', signature: 's', clientSecret: 'c' });
const v1: boolean = verifySignatureV1({ body: '', signature: 's', clientSecret: 'c' });
function handle(): number {
  if (!verifySignatureV3(input)) return 401;
  return 200;
}
// And exactly boolean: not an object, not `any` (which would accept anything), not always `true`.
type IsAny<T> = 0 extends 1 & T ? true : false;
type IsExactlyBoolean<T> =
  IsAny<T> extends true ? false : [T] extends [boolean] ? ([boolean] extends [T] ? true : false) : false;
const exact: IsExactlyBoolean<ReturnType<typeof verifySignatureV3>> = true;
const exactV2: IsExactlyBoolean<ReturnType<typeof verifySignatureV2>> = true;
const exactV1: IsExactlyBoolean<ReturnType<typeof verifySignatureV1>> = true;

// @ts-expect-error: the verdict is not an object any more
const asObject: { ok: boolean } = verifySignatureV3(input);
// @ts-expect-error: old-style `.ok` on the verdict does not compile (it would be undefined)
verifySignatureV3(input).ok;
// @ts-expect-error: v1 and v2 answer booleans too
const v2Object: SignatureCheck = verifySignatureV2({ method: 'GET', url: 'https://x.example/', body: '', signature: 's', clientSecret: 'c' });
// @ts-expect-error: v1 too
const v1Object: SignatureCheck = verifySignatureV1(inputV1);
// @ts-expect-error: old-style `.ok` on the v2 and v1 verdicts does not compile either
verifySignatureV2(inputV2).ok;
// @ts-expect-error: v1
verifySignatureV1(inputV1).ok;

// The reason comes from check*, for logging: a SignatureCheck in and out (not `any`), narrowed by `ok`.
type IsExactly<T, U> = IsAny<T> extends true ? false : [T] extends [U] ? ([U] extends [T] ? true : false) : false;
const checkV3Type: IsExactly<ReturnType<typeof checkSignatureV3>, SignatureCheck> = true;
const checkV2Type: IsExactly<ReturnType<typeof checkSignatureV2>, SignatureCheck> = true;
const checkV1Type: IsExactly<ReturnType<typeof checkSignatureV1>, SignatureCheck> = true;
type AllReasons = 'missing-secret' | 'missing-signature' | 'missing-timestamp' | 'invalid-timestamp' | 'stale-timestamp'
  | 'future-timestamp' | 'invalid-input' | 'mismatch';
const reasonsListed: IsExactly<SignatureFailureReason, AllReasons> = true;

function reasonOf(check: SignatureCheck): AllReasons | undefined {
  if (check.ok) {
    // @ts-expect-error: a passed check has no reason
    void check.reason;
    return undefined;
  }
  const detail: string | undefined = check.detail;
  void detail;
  return check.reason;
}
const check: SignatureCheck = checkSignatureV3(input);
const checkV2: SignatureCheck = checkSignatureV2(inputV2);
const checkV1: SignatureCheck = checkSignatureV1(inputV1);
const reasons: (AllReasons | undefined)[] = [reasonOf(check), reasonOf(checkV2), reasonOf(checkV1)];
// @ts-expect-error: reason exists only on a failed check
void checkSignatureV3(input).reason;
// @ts-expect-error: same for v2
void checkSignatureV2(inputV2).reason;
// @ts-expect-error: same for v1
void checkSignatureV1(inputV1).reason;
// @ts-expect-error: a check is an always-truthy object, not a verdict to put in `if`
const checkAsVerdict: boolean = checkSignatureV1(inputV1);

// The replay hook: sync or async boolean; anything else does not compile.
const redisLike: SeenSignature = async (signature, timestamp) => signature.length > 0 && timestamp > 0;
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: redisLike });
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: createMemoryReplayGuard({ maxEntries: 100 }) });
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: false });
// @ts-expect-error: a Redis reply such as 'OK' is not a yes/no answer
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: async () => 'OK' });
// @ts-expect-error: `true` is not a way to turn it on; leave it out for the default
createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers: () => [], seen: true });

void [v3, v2, v1, handle, exact, exactV2, exactV1, asObject, v2Object, v1Object];
void [checkV3Type, checkV2Type, checkV1Type, reasonsListed, reasons, checkAsVerdict];
