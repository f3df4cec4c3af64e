const MAX_NAME = 100;
const MAX_DESCRIPTION = 200;

/** §9 step 4: a name over 100 characters keeps its first 97 plus `...`; a description over 200, its first 197 plus `...`. */
export function truncateMetadata(metadata: { name: string; description: string }): {
  name: string;
  description: string;
} {
  const { name, description } = metadata;
  return {
    name: name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 3)}...` : name,
    description: description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 3)}...` : description,
  };
}
