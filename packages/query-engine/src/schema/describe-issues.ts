import type { z } from 'zod';

function location(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** One zod issue the way pydantic words it (`loc`, message, `[type=…]`), since that is what PostHog answers. */
function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(
      (key) => `${location([...issue.path, key])}\n  Extra inputs are not permitted [type=extra_forbidden]`,
    );
  }
  const where = issue.path.length > 0 ? location(issue.path) : 'query';
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((value) => `'${String(value)}'`).join(', ');
    return [`${where}\n  Input should be ${options} [type=literal_error]`];
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [`${where}\n  Field required [type=missing]`];
  }
  return [`${where}\n  ${issue.message} [type=${issue.code}]`];
}

/** `N validation error(s) for <Model>` followed by each error, as pydantic's `ValidationError` prints. */
export function describeIssues(model: string, error: z.ZodError): string {
  const lines = error.issues.flatMap(describeIssue);
  const count = lines.length;
  return `${count} validation error${count === 1 ? '' : 's'} for ${model}\n${lines.join('\n')}`;
}
