package org.sealedbox.plugins.fused;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.plugins.concepts.ConceptsWorld;
import org.sealedbox.plugins.models.MlpModel;
import org.sealedbox.runtime.spi.Batched;
import org.sealedbox.runtime.spi.Model;
import org.sealedbox.runtime.spi.PopulationView;

/**
 * The fused tick of canon #2's box with model {@code mlp} (one hidden layer of h ReLU units, one output; what the
 * plugins must be otherwise: {@link ConceptsSft}).
 *
 * <p>Per agent, after {@link ConceptsSft}'s choices: its P situations written as the world writes them
 * ({@link ConceptsWorld.Signs#write}); the hidden layer's pre-activations Z = X·W1ᵀ [P, h] as one matrix product of
 * the BLAS ND4J ships (OpenBLAS), on the agent's W1 where it lies; the output, the judge's verdicts and the backward
 * pass of {@link MlpModel#gradient} in Java; and the step on W1, W1 −= lr·dZᵀ·X, as a second product written into W1
 * in place. The products run over the columns of the blocks active in some situation of the agent only: X is 0
 * elsewhere, so the columns left out add nothing to Z and have no gradient (and the unfused step leaves them as they
 * are). b1, W2 and b2 are copied into Java a block of agents at a time and back.
 *
 * <p>What differs from the unfused tick is the order in which sums are taken (the products' over fewer columns, the
 * output's in Java, the step as one product scaled by −lr added to W1) and that the step reuses the forward pass of
 * proposing, made at the same weights: the two agree up to float rounding. After the step the pass reads every weight
 * of the agent, W1 whole included (its absolute values summed by the BLAS), to see that it is finite.
 */
public final class ConceptsMlpSft extends ConceptsSft {
    @Override
    Pass pass(Settings settings, Model model) {
        if (!(model instanceof MlpModel) || model.params().get(2).size(1) != 1) return null;
        return new Tick(settings, (int) model.params().get(0).size(1));
    }

    /** The pass: W1 [N, h, D], b1 [N, h], W2 [N, 1, h], b2 [N, 1]. */
    static final class Tick extends ConceptsSft.Tick {
        private final int hidden;

        Tick(Settings settings, int hidden) {
            super(settings, "mlp");
            this.hidden = hidden;
        }

        @Override
        int agents(PopulationView pop) {
            var params = pop.model().params();
            long n = params.get(0).size(0);
            for (int i = 0; i < 4; i++) {
                INDArray t = params.get(i);
                if (t.dataType() != DataType.FLOAT || t.size(0) != n) throw new IllegalStateException("the fused tick needs float weights");
            }
            if (params.get(0).size(1) != hidden || params.get(0).size(2) != dims) {
                throw new IllegalStateException("the fused tick was planned for " + hidden + " hidden units of " + dims + " inputs");
            }
            return (int) n;
        }

        @Override
        Agent agent() {
            return new Mlp();
        }

        /** An agent's tick is about 15 µs here: a worker pays for itself long before the linear model's 1,024 agents. */
        @Override
        int minAgentsPerWorker() {
            return 128;
        }

        /**
         * A worker's room: up to {@link #BLOCK} agents' b1, W2 and b2, one agent's situations X [P, D], its hidden
         * layer and gradients, and the native memory the BLAS reads X and dZ from and writes Z into.
         */
        private final class Mlp extends Agent {
            final int h = hidden, p = count;
            final float[] b1 = new float[BLOCK * h], w2 = new float[BLOCK * h], b2 = new float[BLOCK];
            final float[] x = new float[p * dims], z = new float[p * h], dz = new float[p * h], grad = new float[h];
            final float[] w1 = new float[h * dims];
            /** The field of the situation each row of {@link #x} holds (−1: none yet, all zeros). */
            final int[] row = new int[p];
            final FloatPointer xNative = new FloatPointer((long) p * dims), zNative = new FloatPointer((long) p * h),
                    dzNative = new FloatPointer((long) p * h);

            Mlp() {
                java.util.Arrays.fill(row, -1);
            }

            /**
             * Sft: one step on ½·Σ used·(f(x) − y)² / P at the weights the predictions were made with, as
             * {@link MlpModel#gradient} computes it: e = used·(out − y) / P, dW2 = eᵀ·relu(Z), db2 = Σ e,
             * dZ = e·W2 where Z > 0, dW1 = dZᵀ·X, db1 = Σ dZ; each parameter −= lr × its gradient.
             */
            @Override
            boolean learn(Draws d, ConceptsWorld.Signs signs, PopulationView pop, int lo, int hi) {
                var params = pop.model().params();
                INDArray w1s = params.get(0), b1s = params.get(1), w2s = params.get(2), b2s = params.get(3);
                int m = hi - lo, hd = h * dims;
                Batched.read(b1s, (long) lo * h, b1, m * h);
                Batched.read(w2s, (long) lo * h, w2, m * h);
                Batched.read(b2s, lo, b2, m);
                FloatPointer weights = Batched.memory(w1s);
                boolean finite = true;
                for (int agent = lo, a = 0; a < m; agent++, a++) {
                    int ha = a * h, ea = a * fields, pa = agent * p, accepted = 0;
                    int first = fields, last = -1; // the blocks active in some situation of the agent's
                    for (int j = 0; j < p; j++) {
                        int f = field[pa + j];
                        signs.write(f, row[j], x, j * dims);
                        row[j] = f;
                        first = Math.min(first, active[f][0]);
                        last = Math.max(last, active[f][active[f].length - 1]);
                    }
                    int from = first * width, columns = (last + 1) * width - from;
                    long at = (long) agent * hd + from; // W1[agent, 0, from]
                    xNative.position(0).put(x, 0, p * dims);
                    openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, p, h, columns,
                            1f, xNative.position(from), dims, weights.position(at), dims, 0f, zNative.position(0), h);
                    zNative.get(z, 0, p * h);
                    for (int j = 0; j < p; j++) {
                        float out = 0;
                        for (int u = 0, o = j * h; u < h; u++, o++) {
                            z[o] += b1[ha + u];
                            out += Math.max(z[o], 0f) * w2[ha + u];
                        }
                        if (judge(d, pa, j, out + b2[a])) accepted++;
                    }
                    if (accepted > 0) {
                        float db2 = 0;
                        java.util.Arrays.fill(grad, 0f);
                        for (int j = 0; j < p; j++) {
                            float ej = kept[j] ? residual[j] / p : 0f;
                            db2 += ej;
                            for (int u = 0, o = j * h; u < h; u++, o++) {
                                boolean on = z[o] > 0;
                                grad[u] += ej * (on ? z[o] : 0f);                  // dW2
                                dz[o] = on ? ej * w2[ha + u] : 0f;
                            }
                        }
                        for (int u = 0; u < h; u++) {
                            float db1 = 0;
                            for (int j = 0; j < p; j++) db1 += dz[j * h + u];
                            w2[ha + u] -= grad[u] * lr;
                            b1[ha + u] -= db1 * lr;
                        }
                        b2[a] -= db2 * lr;
                        dzNative.position(0).put(dz, 0, p * h);
                        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, h, columns, p,
                                -lr, dzNative, h, xNative.position(from), dims, 1f, weights.position(at), dims);
                        account(pa, ea, a, accepted);
                    }
                    // |W1| summed by the BLAS: finite when every weight is, unless they are so large that the sum is
                    // not (then a closer look)
                    float size = openblas.cblas_sasum(hd, weights.position((long) agent * hd), 1);
                    if (!Float.isFinite(size)) {
                        weights.position((long) agent * hd).get(w1, 0, hd);
                        finite &= finite(w1, 0, hd);
                    }
                }
                finite &= finite(b1, 0, m * h) && finite(w2, 0, m * h) && finite(b2, 0, m);
                Batched.write(b1s, (long) lo * h, b1, m * h);
                Batched.write(w2s, (long) lo * h, w2, m * h);
                Batched.write(b2s, lo, b2, m);
                return finite;
            }
        }
    }
}
