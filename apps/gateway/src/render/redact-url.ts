/** A URL safe to log: the value of any `personal_api_key` query parameter is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]personal_api_key=)[^&#]*/gi, '$1[redacted]');
}
