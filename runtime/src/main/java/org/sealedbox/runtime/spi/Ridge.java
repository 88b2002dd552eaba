package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ridge least squares, θ = (XᵀX + λI)⁻¹ XᵀY, solved by a Cholesky factorisation in double precision. (ND4J's
 * {@code matrix_inverse} refuses matrices whose determinant underflows — exactly the Gram matrices of human data that
 * leaves whole blocks of the input unseen, where only the ridge keeps them positive definite.) Runs once per fit, on
 * D × D, not per agent.
 */
public final class Ridge {
    private Ridge() {}

    /** x [M, D], y [M, k] → θ [D, k] (double). */
    public static INDArray fit(INDArray x, INDArray y, double ridge) {
        INDArray xd = x.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
        double[][] a = xd.transpose().mmul(xd).toDoubleMatrix();
        double[][] b = xd.transpose().mmul(yd).toDoubleMatrix();
        int d = a.length, k = b[0].length;
        double scale = 0;
        for (int i = 0; i < d; i++) scale = Math.max(scale, a[i][i]);
        double lambda = Math.max(ridge, 1e-12 * Math.max(scale, 1));
        for (int i = 0; i < d; i++) a[i][i] += lambda;
        // Cholesky: a = L Lᵀ, L stored in the lower triangle
        for (int j = 0; j < d; j++) {
            double s = a[j][j];
            for (int p = 0; p < j; p++) s -= a[j][p] * a[j][p];
            if (s <= 0) throw new IllegalStateException("the ridge Gram matrix is not positive definite (ridge " + ridge + ")");
            double l = Math.sqrt(s);
            a[j][j] = l;
            for (int i = j + 1; i < d; i++) {
                double t = a[i][j];
                for (int p = 0; p < j; p++) t -= a[i][p] * a[j][p];
                a[i][j] = t / l;
            }
        }
        double[][] theta = new double[d][k];
        for (int c = 0; c < k; c++) {
            double[] z = new double[d];
            for (int i = 0; i < d; i++) { // L z = b
                double t = b[i][c];
                for (int p = 0; p < i; p++) t -= a[i][p] * z[p];
                z[i] = t / a[i][i];
            }
            for (int i = d - 1; i >= 0; i--) { // Lᵀ θ = z
                double t = z[i];
                for (int p = i + 1; p < d; p++) t -= a[p][i] * theta[p][c];
                theta[i][c] = t / a[i][i];
            }
        }
        return Nd4j.createFromArray(theta);
    }
}
