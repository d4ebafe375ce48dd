import type { ErrorCode } from '../shared/sync/server/protocol';

/** A refusal the server answers with an HTTP status and `{ error: { code, message } }` (message in Chinese, for a person). */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ServerError(400, 'bad-request', message);
