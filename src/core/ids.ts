/** A random id (call ids, frame ids, action ids); `randomUUID` needs a secure context, so there is a fallback. */
export const randomId = (): string => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
