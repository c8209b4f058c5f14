/**
 * Domain errors carry the HTTP status and the stable `code` of the public API
 * (../shared/API.md). Services throw them; the one error handler in app.ts maps them.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Nothing was found at this address.') {
    super(404, 'not-found', message);
  }
}

export class BadRequestError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(400, code, message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(409, code, message, details);
  }
}
