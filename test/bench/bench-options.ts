/** `--name value` from a benchmark's arguments, as a number; `fallback` when absent. */
export function numberOption(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
}
