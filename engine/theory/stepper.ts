/** One closed-form prediction per generation, stepped in order (each law carries its own state). */
export interface TheoryStepper {
  /** Prediction of the mean squared error at generation t (call with t = 0, 1, 2, ... in order). */
  next(t: number): number | null;
}
