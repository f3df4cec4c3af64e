import { PostHogErrorBody } from '../error-body.js';

/** The error responses every authenticated project route can give. */
export const commonErrorResponses = {
  400: PostHogErrorBody,
  401: PostHogErrorBody,
  403: PostHogErrorBody,
  404: PostHogErrorBody,
} as const;
