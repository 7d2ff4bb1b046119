/** A field-level problem with a request, named by its path (`page_size`, `email`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The one error hierarchy. Services throw these; `core/http/errors.ts` is the only place that
 * turns them into a status and a body.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Malformed input (400), or well-formed but impossible input when `status` is 422. */
export class ValidationError extends AppError {
  constructor(message: string, details: FieldProblem[] = [], status: 400 | 422 = 400) {
    super(status, status === 400 ? 'validation_error' : 'unprocessable', message, details);
  }

  static field(field: string, message: string, status: 400 | 422 = 400): ValidationError {
    return new ValidationError(`${field}: ${message}`, [{ field, message }], status);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Not authenticated') {
    super(401, 'unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Forbidden') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

export class PaymentRequiredError extends AppError {
  constructor(message: string) {
    super(402, 'payment_required', message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests',
  ) {
    super(429, 'rate_limited', message);
  }
}

/** The upstream (Salt-API, ERP) answered with an error. */
export class UpstreamError extends AppError {
  constructor(message: string) {
    super(502, 'upstream_error', message);
  }
}

/** The upstream is not configured or cannot be reached. */
export class UpstreamUnavailableError extends AppError {
  constructor(message: string) {
    super(503, 'upstream_unavailable', message);
  }
}
