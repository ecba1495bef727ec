/*
 * Hub errors carry their HTTP status and the original hub's error name (auth-and-storage.md §4.12);
 * one handler (http/errorHandler.ts) turns them into `{"message","error"}` JSON bodies.
 */

export abstract class HubError extends Error {
  abstract readonly status: number;
  /** Whether the JSON body names the error (`error` field); the original's 400s do not. */
  readonly named: boolean = true;
}

/** 400: a list-files or revoke-all body that is not the JSON the endpoint expects. */
export class BadRequestError extends HubError {
  readonly status = 400;
  override readonly named = false;
  override readonly name = 'BadRequestError';
}

/** 401: bad or missing token, wrong address, signature, challenge, expiry, scope or whitelist. */
export class ValidationError extends HubError {
  readonly status = 401;
  override readonly name = 'ValidationError';
}

/** 401: the token was issued before the bucket's oldest valid timestamp (§4.10). */
export class AuthTokenTimestampValidationError extends HubError {
  readonly status = 401;
  override readonly name = 'AuthTokenTimestampValidationError';
}

/** 403: the path breaks §4.8. */
export class BadPathError extends HubError {
  readonly status = 403;
  override readonly name = 'BadPathError';
}

/** 404: delete of a file that is not there. */
export class DoesNotExist extends HubError {
  readonly status = 404;
  override readonly name = 'DoesNotExist';
}

/** 409: another write or delete of the same path is in flight (§4.7). */
export class ConflictError extends HubError {
  readonly status = 409;
  override readonly name = 'ConflictError';
}

/** 412: If-Match / If-None-Match not satisfied (§4.7). */
export class PreconditionFailedError extends HubError {
  readonly status = 412;
  override readonly name = 'PreconditionFailedError';
}

/** 413: declared or streamed body larger than the hub's limit. */
export class PayloadTooLargeError extends HubError {
  readonly status = 413;
  override readonly name = 'PayloadTooLargeError';
}

/** 500 with a clear message: the storage backend failed; nothing partial was stored. */
export class DriverError extends HubError {
  readonly status = 500;
  override readonly name = 'DriverError';
}
