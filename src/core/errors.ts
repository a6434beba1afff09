export type SoftphoneErrorCode =
  | 'SYNC_TIMEOUT'
  | 'ORIGIN_REJECTED'
  | 'CREATE_ENGAGEMENT_FAILED'
  | 'UPDATE_ENGAGEMENT_FAILED'
  | 'CALLER_ID_MATCH_FAILED'
  | 'NAVIGATE_TO_RECORD_FAILED'
  | 'FINALIZE_ENGAGEMENT_FAILED'
  | 'INITIATE_CALL_ID_FAILED'
  | 'SET_WIDGET_URL_FAILED'
  | 'HUBSPOT_FAILED'
  | 'TAB_SYNC_UNAVAILABLE'
  | 'RINGTONE_BLOCKED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_STATE';

/** Thrown by the element's methods on bad input; nothing was sent, nothing changed. */
export class SoftphoneError extends Error {
  override name = 'SoftphoneError';
  constructor(
    readonly code: SoftphoneErrorCode,
    message: string,
  ) {
    super(message);
  }
}
