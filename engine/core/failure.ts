/**
 * A run that started but cannot go on (a covariance that is no longer positive definite, a rate
 * that overflowed, a filter that kept nothing). The host stores the run as `failed` with this
 * message instead of writing NaN.
 */
export class SimulationFailure extends Error {
  override readonly name = 'SimulationFailure';

  constructor(
    readonly generation: number,
    reason: string,
  ) {
    super(`generation ${generation}: ${reason}`);
  }
}

/** Thrown when the caller's AbortSignal fires; checked between generations. */
export class SimulationAborted extends Error {
  override readonly name = 'SimulationAborted';

  constructor(readonly generation: number) {
    super(`cancelled before generation ${generation}`);
  }
}
