/** A lookup that cannot answer as asked: bad arguments, or not exactly one match where one is required. */
export class LookupError extends Error {
  override readonly name = "LookupError";

  constructor(
    /** The lookup function, e.g. `getMember`. */
    readonly lookup: string,
    /** The argument the message is about. */
    readonly field: string,
    message: string,
  ) {
    super(`${lookup}: ${message}`);
  }
}
