/** Why an operator action was refused; the admin CLI maps the code to its exit status. */
export type AdminErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'INVALID_INPUT';

/** An operator action that cannot be done as asked, with a message that is safe to show (never a key). */
export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}
