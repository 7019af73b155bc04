/** A parsed JSON value that is an object (not an array, not null): the only shape worth reading fields from. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
