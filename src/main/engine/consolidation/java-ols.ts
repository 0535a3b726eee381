/**
 * R^2 of a multiple OLS regression with intercept, as Apache Commons Math 3
 * `OLSMultipleLinearRegression.calculateRSquared()` computes it (Householder QR, threshold 0).
 * Used by the MC (maximum correlation) VM selection policy.
 */

/** Raised where Commons Math throws a MathIllegalArgumentException (no data, too few rows, singular). */
export class RegressionNotPossible extends Error {}

/**
 * y: m observations; xCols: the predictor columns (each of length m). Returns 1 - SSR/SST.
 */
export function olsRSquared(y: ArrayLike<number>, xCols: ReadonlyArray<ArrayLike<number>>): number {
  const m = y.length;
  const p = xCols.length;
  if (p === 0) throw new RegressionNotPossible('at least one predictor is needed');
  if (m === 0) throw new RegressionNotPossible('no data');
  if (p + 1 > m) throw new RegressionNotPossible('not enough data for the number of predictors');
  const n = p + 1;
  // qrt = X transposed: row j of qrt is column j of X; column 0 is the intercept.
  const qrt: Float64Array[] = [new Float64Array(m).fill(1)];
  for (const c of xCols) qrt.push(Float64Array.from(c));
  const rDiag = new Float64Array(Math.min(m, n));
  for (let minor = 0; minor < Math.min(m, n); minor++) {
    const qm = qrt[minor] as Float64Array;
    let xNormSqr = 0;
    for (let row = minor; row < m; row++) {
      const c = qm[row] as number;
      xNormSqr += c * c;
    }
    const a = (qm[minor] as number) > 0 ? -Math.sqrt(xNormSqr) : Math.sqrt(xNormSqr);
    rDiag[minor] = a;
    if (a !== 0) {
      qm[minor] = (qm[minor] as number) - a;
      for (let col = minor + 1; col < n; col++) {
        const qc = qrt[col] as Float64Array;
        let alpha = 0;
        for (let row = minor; row < m; row++) alpha -= (qc[row] as number) * (qm[row] as number);
        alpha /= a * (qm[minor] as number);
        for (let row = minor; row < m; row++) qc[row] = (qc[row] as number) - alpha * (qm[row] as number);
      }
    }
  }
  for (const d of rDiag) if (Math.abs(d) <= 0) throw new RegressionNotPossible('singular matrix');
  // Solve: apply the Householder transforms to y, then back-substitute.
  const yy = Float64Array.from(y);
  for (let minor = 0; minor < Math.min(m, n); minor++) {
    const qm = qrt[minor] as Float64Array;
    let dot = 0;
    for (let row = minor; row < m; row++) dot += (yy[row] as number) * (qm[row] as number);
    dot /= (rDiag[minor] as number) * (qm[minor] as number);
    for (let row = minor; row < m; row++) yy[row] = (yy[row] as number) + dot * (qm[row] as number);
  }
  const beta = new Float64Array(n);
  for (let row = rDiag.length - 1; row >= 0; row--) {
    yy[row] = (yy[row] as number) / (rDiag[row] as number);
    const yRow = yy[row] as number;
    const qr = qrt[row] as Float64Array;
    beta[row] = yRow;
    for (let i = 0; i < row; i++) yy[i] = (yy[i] as number) - yRow * (qr[i] as number);
  }
  // Residual sum of squares: y - X.beta, dot with itself.
  let ssr = 0;
  for (let i = 0; i < m; i++) {
    let fit = 0;
    fit += 1 * (beta[0] as number);
    for (let j = 1; j < n; j++)
      fit += ((xCols[j - 1] as ArrayLike<number>)[i] as number) * (beta[j] as number);
    const r = (y[i] as number) - fit;
    ssr += r * r;
  }
  // Total sum of squares: Commons Math SecondMoment (updating formula).
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < m; i++) {
    const k = i + 1;
    const dev = (y[i] as number) - m1;
    const nDev = dev / k;
    m1 += nDev;
    m2 += (k - 1) * dev * nDev;
  }
  return 1 - ssr / m2;
}
