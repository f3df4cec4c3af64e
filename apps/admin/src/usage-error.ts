/** The command line itself is wrong (unknown command or option, missing or malformed value): exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
