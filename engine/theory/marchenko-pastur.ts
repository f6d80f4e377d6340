/**
 * Moments of the ridge resolvent under the Marchenko-Pastur law of Sigma_hat = X'X/n for
 * isotropic x (gamma = d/n): a1 = E tr(A)/d, a2 = E tr(A^2)/d, v = E tr((Sigma_hat + lambda)^-2 Sigma_hat)/d
 * with A = (Sigma_hat + lambda I)^-1 Sigma_hat. These are the deterministic equivalents behind
 * Dohmatob et al.'s isotropic ridge results (seed 004, Corollary 4.4): exact as d, n grow with
 * d/n fixed, and within a few percent at d = 300.
 */
export function ridgeResolventMoments(gamma: number, lambda: number): { a1: number; a2: number; v: number } {
  const lo = (1 - Math.sqrt(gamma)) ** 2;
  const hi = (1 + Math.sqrt(gamma)) ** 2;
  const mid = (lo + hi) / 2;
  const half = (hi - lo) / 2;
  // x = mid + half cos(theta) turns the square-root edges into a smooth integrand (Simpson).
  const N = 4000;
  let a1 = 0;
  let a2 = 0;
  let v = 0;
  for (let i = 0; i <= N; i++) {
    const theta = (Math.PI * i) / N;
    const x = mid + half * Math.cos(theta);
    // At gamma = 1 the lower edge is x = 0, where the density is 0/0 and every integrand is 0.
    if (x <= 0) continue;
    const sin = Math.sin(theta);
    const density = (half * half * sin * sin) / (2 * Math.PI * gamma * x); // p(x) dx / dtheta
    const wSimpson = i === 0 || i === N ? 1 : i % 2 === 1 ? 4 : 2;
    const weight = (wSimpson * (Math.PI / N)) / 3 * density;
    const r = x / (x + lambda);
    a1 += weight * r;
    a2 += weight * r * r;
    v += weight * (x / ((x + lambda) * (x + lambda)));
  }
  // For gamma > 1 a mass 1 - 1/gamma sits at x = 0, where all three integrands vanish.
  return { a1, a2, v };
}
