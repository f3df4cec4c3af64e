/** Who an insight counts: persons (`user`) unless it aggregates by a group type. */
export function actorNoun(aggregationGroupTypeIndex: number | null | undefined): string {
  return aggregationGroupTypeIndex === null || aggregationGroupTypeIndex === undefined ? 'user' : 'group';
}
