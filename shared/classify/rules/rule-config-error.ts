/** A query in the configuration cannot be compiled: names the field, the query and what is wrong with it. */
export class RuleConfigError extends Error {
  constructor(
    readonly field: string,
    readonly query: string,
    cause: Error,
  ) {
    super(`${field}: ${cause.message} in ${JSON.stringify(query)}`);
    this.name = 'RuleConfigError';
  }
}
