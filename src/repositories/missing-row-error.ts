/**
 * A row a write depends on is not there (or not in this school). Repositories know nothing of
 * the app's AppError; a use case that cares turns this into AppError("notFound") itself.
 */
export class MissingRowError extends Error {
  override readonly name = "MissingRowError";
  readonly code = "notFound";
}
