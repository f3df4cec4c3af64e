import type { FastifyInstance } from 'fastify';
import { parseError, unsupportedMediaType } from './posthog-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The `charset` parameter of a content type, lower-cased; undefined when absent. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * JSON bodies are UTF-8 (RFC 8259), as DRF's JSONParser reads them: a body declared in another charset is 415, and
 * bytes that are not valid UTF-8 are a parse error, instead of being stored with U+FFFD in their place. The text is
 * then parsed by fastify's own JSON parser (which also refuses prototype poisoning).
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const contentType = request.headers['content-type'];
    const charset = charsetOf(contentType);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(unsupportedMediaType(contentType ?? 'application/json'), undefined);
      return;
    }
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(parseError('JSON parse error - The body is not valid UTF-8.'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
