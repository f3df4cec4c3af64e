import type { ResponseFormat } from './format.js';

/** The renderers of PostHog's insight viewset, in its order: JSON first, so it wins every tie (spec §17). */
const RENDERERS: readonly { format: ResponseFormat; type: string; subtype: string }[] = [
  { format: 'json', type: 'application', subtype: 'json' },
  { format: 'csv', type: 'text', subtype: 'csv' },
];

interface AcceptedType {
  type: string;
  subtype: string;
  /** DRF's precedence: 3 with parameters other than q, 2 a full type, 1 `type/*`, 0 `*\/*`. */
  precedence: number;
}

function parseAccepted(token: string): AcceptedType {
  const [mediaType = '', ...parameters] = token.split(';').map((part) => part.trim());
  const [type = '', subtype = ''] = mediaType.toLowerCase().split('/');
  const parameterNames = parameters.map((parameter) => parameter.split('=')[0]?.trim().toLowerCase());
  const precedence =
    type === '*' ? 0 : subtype === '*' ? 1 : parameterNames.every((name) => name === 'q' || name === '') ? 2 : 3;
  return { type, subtype, precedence };
}

const matches = (renderer: (typeof RENDERERS)[number], accepted: AcceptedType) =>
  (accepted.type === '*' || accepted.type === renderer.type) &&
  (accepted.subtype === '*' || accepted.subtype === renderer.subtype);

/** What a request asks for: a format, or why none can be given (404 an unknown format, 406 an unmet Accept). */
export type Negotiation = { format: ResponseFormat } | { refused: 'not_found' | 'not_acceptable' };

/**
 * DRF's content negotiation (spec §17): the format suffix (`….csv`) or else `?format=` picks the renderers (an unknown
 * format is 404); then the Accept header, most specific media types first, and within them the renderers in order
 * (JSON before CSV), chooses one: `Accept: text/csv` → CSV, `*\/*` or none → JSON, nothing acceptable → 406. Like DRF,
 * q-values do not order the choice. An empty Accept counts as none.
 */
export function negotiateContent(request: { suffix?: string; query: unknown; accept?: string }): Negotiation {
  const queryFormat = (request.query as Record<string, unknown> | undefined)?.format;
  const format = request.suffix ?? queryFormat;
  let renderers = RENDERERS;
  if (format !== undefined) {
    renderers = RENDERERS.filter((renderer) => renderer.format === format);
    if (renderers.length === 0) return { refused: 'not_found' };
  }
  const header = request.accept?.trim() ? request.accept : '*/*';
  const accepted = header.split(',').map(parseAccepted);
  for (let precedence = 3; precedence >= 0; precedence--) {
    const candidates = accepted.filter((type) => type.precedence === precedence);
    if (candidates.length === 0) continue;
    const renderer = renderers.find((each) => candidates.some((type) => matches(each, type)));
    if (renderer) return { format: renderer.format };
  }
  return { refused: 'not_acceptable' };
}

const FORMAT_SUFFIX = /^(\/api\/projects\/[^?]*?)\.(json|csv)\/?(\?.*)?$/;

/**
 * DRF's format suffix patterns: `…/insights.csv`, `…/insights/7.csv`, `…/insights/my_last_viewed.json/`. Gives the
 * path without the suffix, and the suffix; null when the URL has none.
 */
export function splitFormatSuffix(url: string): { url: string; suffix: ResponseFormat } | null {
  const match = FORMAT_SUFFIX.exec(url);
  if (!match) return null;
  return { url: `${match[1]}/${match[3] ?? ''}`, suffix: match[2] as ResponseFormat };
}
