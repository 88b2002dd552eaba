package org.sealedbox.plugins.fused;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.plugins.concepts.ConceptsWorld;
import org.sealedbox.plugins.confidence.Familiarity;
import org.sealedbox.plugins.judges.AcceptAll;
import org.sealedbox.plugins.judges.SelfConfidence;
import org.sealedbox.plugins.learners.Sft;
import org.sealedbox.runtime.spi.Batched;
import org.sealedbox.runtime.spi.FusedTick;
import org.sealedbox.runtime.spi.Model;
import org.sealedbox.runtime.spi.PopulationView;
import org.sealedbox.runtime.spi.Scratch;
import org.sealedbox.runtime.spi.Workers;

/**
 * What the fused ticks of canon #2's box share, whatever the model ({@link ConceptsLinearSft}, {@link ConceptsMlpSft}):
 * world {@code concepts} (one output, no temptations), confidence {@code familiarity}, judge {@code self_confidence} or
 * {@code accept_all}, learner {@code sft} (one step a tick on all the slots, no replay), proposing {@code at frontier},
 * {@code anywhere} or {@code at fields a..b} without tastes. On the CPU only: on a GPU the ops over whole tensors are the
 * fast way.
 *
 * <p>Per agent, in Java: the familiarity of each block and the confidence in each field; the fields it may propose in;
 * per proposal the field drawn, the situation's signs (drawn by {@link ConceptsWorld.Signs}, through which
 * {@code situations} writes, from the same seed), the answer, the reported confidence and the judge's verdict; then the
 * exposure and signal of what was kept. The model's kernel predicts and takes the step. The random numbers are drawn per
 * call (a population, or a tile of one) exactly as the unfused statements draw them, from the proposals' stream: the
 * fields' uniforms [N, P], one seed for the signs, the answers' noise [N, P, 1] and the confidences' noise [N, P].
 */
abstract class ConceptsSft implements FusedTick {
    @Override
    public final Pass plan(Plan plan) {
        if (!Batched.cpu()) return null;
        if (!(plan.world() instanceof ConceptsWorld world) || world.outputs() != 1 || world.temptations() != null) return null;
        if (!(plan.confidence() instanceof Familiarity familiarity)) return null;
        double threshold;
        if (plan.judge() instanceof SelfConfidence s) threshold = s.threshold();
        else if (plan.judge() instanceof AcceptAll) threshold = Double.NEGATIVE_INFINITY;
        else return null;
        if (!(plan.learner() instanceof Sft sft) || sft.replay() != 0 || sft.steps() != 1
                || (sft.batch() != 0 && sft.batch() < plan.count())) return null;
        if (plan.focus() != 0) return null;
        if (plan.target() instanceof TickStatement.Fields r && Math.min(r.hi(), plan.world().fields() - 1) < r.lo()) return null;
        return pass(new Settings(world, familiarity, threshold, sft.lr(), plan.count(), plan.target(), plan.noise(),
                plan.judge() instanceof AcceptAll ? "accept_all" : "self_confidence"), plan.model());
    }

    /** The pass for {@code model}, or null when this kernel does not compute exactly its physics. */
    abstract Pass pass(Settings settings, Model model);

    /** What the pass needs of the plugins besides the model. */
    record Settings(ConceptsWorld world, Familiarity familiarity, double threshold, double lr, int count,
                    TickStatement.Target target, double noise, String judge) {}

    /** The pass, with what it needs of the world and the plugins' settings computed once; the model's part is abstract. */
    abstract static class Tick implements Pass {
        final ConceptsWorld world;
        final int fields, width, dims, count;
        final float half, mastered, confidenceNoise, threshold, lr, noise;
        private final TickStatement.Target target;
        private final String judge, model;
        /** Per field: its active blocks (amplitude ≠ 0, in increasing order), and its direct prerequisites. */
        final int[][] active;
        private final int[][] parents;
        /** Per field, how much each of its active blocks counts in its confidence ({@link Familiarity#blockWeights}). */
        private final float[][] activeWeight;
        /** Per field, the amplitude of each of its active blocks, in the order of {@link #active}. */
        final float[][] amplitude;
        /** 64-bit words of signs per block (⌈width / 64⌉). */
        final int chunks;
        /** Per field, the exposure a situation of it adds to each of its active blocks (the world's blockExposure of one). */
        private final float[][] activeExposure;
        /** The fields a proposal may be in when the target is a range of fields (null otherwise). */
        private final boolean[] range;

        Tick(Settings s, String model) {
            this.world = s.world();
            this.model = model;
            this.fields = world.fields();
            this.width = world.width();
            this.dims = world.dims();
            this.count = s.count();
            this.half = (float) s.familiarity().half();
            this.mastered = (float) s.familiarity().mastered();
            this.confidenceNoise = (float) s.familiarity().noise();
            this.threshold = (float) s.threshold();
            this.lr = (float) s.lr();
            this.noise = (float) s.noise();
            this.target = s.target();
            this.judge = s.judge();
            float[][] weight = Familiarity.blockWeights(world).toFloatMatrix();
            float[][] prerequisites = world.prerequisites().toFloatMatrix();
            active = new int[fields][];
            amplitude = new float[fields][];
            chunks = (width + 63) / 64;
            parents = new int[fields][];
            for (int f = 0; f < fields; f++) {
                List<Integer> a = new ArrayList<>(), p = new ArrayList<>();
                for (int b = 0; b < fields; b++) {
                    // the blocks the world draws signs for (an amplitude whose square is below float's least is
                    // still active: its energy is 0, but it has its signs)
                    if (world.amplitude(f, b) != 0) a.add(b);
                    if (prerequisites[f][b] != 0) p.add(b);
                }
                active[f] = a.stream().mapToInt(Integer::intValue).toArray();
                amplitude[f] = new float[active[f].length];
                for (int q = 0; q < active[f].length; q++) amplitude[f][q] = world.amplitude(f, active[f][q]);
                parents[f] = p.stream().mapToInt(Integer::intValue).toArray();
            }
            float[] one = new float[fields * dims]; // a situation of each field: its squares do not depend on the signs
            ConceptsWorld.Signs signs = world.signs(0);
            for (int f = 0; f < fields; f++) signs.write(f, -1, one, f * dims);
            float[][] exposureOf = world.blockExposure(Nd4j.createFromArray(one).reshape(1, fields, dims)).reshape(fields, fields).toFloatMatrix();
            activeWeight = new float[fields][];
            activeExposure = new float[fields][];
            for (int f = 0; f < fields; f++) {
                activeWeight[f] = new float[active[f].length];
                activeExposure[f] = new float[active[f].length];
                for (int q = 0; q < active[f].length; q++) {
                    activeWeight[f][q] = weight[f][active[f][q]];
                    activeExposure[f][q] = exposureOf[f][active[f][q]];
                }
            }
            if (target instanceof TickStatement.Fields r) {
                range = new boolean[fields];
                for (int f = r.lo(); f <= Math.min(r.hi(), fields - 1); f++) range[f] = true;
            } else {
                range = null;
            }
        }

        @Override
        public final String describe() {
            return "concepts, " + model + ", familiarity, " + judge + ", sft";
        }

        /** How many agents {@code pop} has; throws when its tensors are not what the kernel reads (float, row-major). */
        abstract int agents(PopulationView pop);

        /** A worker's room for the model's part of the tick. */
        abstract Agent agent();

        /** Fewest agents worth handing a worker of their own: waking one takes about 0.1 ms here. */
        abstract int minAgentsPerWorker();

        @Override
        public final boolean run(PopulationView pop, Random proposals, Random learner) {
            INDArray exposure = pop.exposure(), signal = pop.signal();
            int n = agents(pop), p = count;
            if (exposure.dataType() != DataType.FLOAT || signal.dataType() != DataType.FLOAT) {
                throw new IllegalStateException("the fused tick needs float exposure and signal");
            }
            if (field.length < n * p) {
                field = new int[n * p];
                confidence = new float[n * p];
            }
            int parts = Math.max(1, Math.min(Workers.count(), n / minAgentsPerWorker()));
            if (workers == null || workers.length != parts) {
                workers = new Agent[parts];
                for (int i = 0; i < parts; i++) workers[i] = agent();
            }
            Agent[] ws = workers;
            Draws d = draws.uniforms(proposals, n * p);
            int groups = (n + BLOCK - 1) / BLOCK;

            // the agents' choices need only the uniforms and the exposure: the other threads make them while this one
            // draws the noise (ND4J's generator, on this thread as always, in the unfused statements' order), then
            // helps. Each thread takes the next BLOCK agents not yet taken, so none waits on a slower one
            AtomicInteger next = new AtomicInteger();
            Workers.run(parts, part -> {
                if (part == 0) d.noise(proposals);
                for (int c; (c = next.getAndIncrement()) < groups; ) ws[part].choose(exposure, c * BLOCK, Math.min(n, (c + 1) * BLOCK));
            });
            // the signs of all the call's situations come from one generator, in the agents' order; where those of a
            // BLOCK of agents begin follows from how many active blocks the situations before them have
            if (blocksBefore.length < groups) blocksBefore = new long[groups];
            long sum = 0;
            for (int c = 0, i = 0; c < groups; c++) {
                blocksBefore[c] = sum;
                for (int end = Math.min(n, (c + 1) * BLOCK) * p; i < end; i++) sum += active[field[i]].length;
            }
            long[] before = blocksBefore;
            boolean[] finite = new boolean[parts];
            AtomicInteger then = new AtomicInteger();
            Workers.run(parts, part -> {
                boolean f = true;
                for (int c; (c = then.getAndIncrement()) < groups; ) {
                    f &= ws[part].agents(d, pop, c * BLOCK, Math.min(n, (c + 1) * BLOCK), before[c]);
                }
                finite[part] = f;
            });
            boolean all = true;
            for (boolean f : finite) all &= f;
            return all;
        }

        /** Per BLOCK of agents of the last call, how many active blocks the situations of the agents before it have. */
        private long[] blocksBefore = new long[0];

        /**
         * Agents a worker takes at a time: 256 (384 KiB of a linear model's weights at D = 384), so that they stay in its
         * core's cache from when they are copied in until they are copied back.
         */
        static final int BLOCK = 256;

        /** Whether every value in [from, to) is finite: v − v is 0 for a finite v and NaN otherwise, and NaN stays in a sum. */
        static boolean finite(float[] w, int from, int to) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int i = from;
            for (; i + 8 <= to; i += 8) {
                s0 += w[i] - w[i];
                s1 += w[i + 1] - w[i + 1];
                s2 += w[i + 2] - w[i + 2];
                s3 += w[i + 3] - w[i + 3];
                s4 += w[i + 4] - w[i + 4];
                s5 += w[i + 5] - w[i + 5];
                s6 += w[i + 6] - w[i + 6];
                s7 += w[i + 7] - w[i + 7];
            }
            for (; i < to; i++) s0 += w[i] - w[i];
            return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 == 0;
        }

        private final Draws draws = new Draws();

        /** Per call, per proposal (agent a's j-th at a·P + j): its field, and the agent's confidence in that field. */
        int[] field = new int[0];
        private float[] confidence = new float[0];

        /**
         * One call's draws from the proposals' stream, made exactly as the unfused statements make them, in their order:
         * Proposer.sample's uniforms [N, P], ConceptsWorld.situations' seed, Model.answer's noise [N, P, 1],
         * Familiarity.proposalConfidence's noise [N, P]. Drawn into ND4J vectors kept from call to call (the same
         * numbers as into fresh arrays of those shapes) and copied into Java arrays.
         */
        final class Draws {
            private INDArray uniformNd, answerNd, reportNd;
            float[] uniform = new float[0], answer, report;
            ConceptsWorld.Signs signs;
            private int length;

            /** The fields' uniforms and the signs' seed. */
            Draws uniforms(Random proposals, int length) {
                this.length = length;
                if (uniform.length < length) {
                    uniformNd = Scratch.keep(() -> Nd4j.createUninitialized(DataType.FLOAT, length));
                    answerNd = noise > 0 ? Scratch.keep(() -> Nd4j.createUninitialized(DataType.FLOAT, length)) : null;
                    reportNd = confidenceNoise > 0 ? Scratch.keep(() -> Nd4j.createUninitialized(DataType.FLOAT, length)) : null;
                    uniform = new float[length];
                    answer = noise > 0 ? new float[length] : null;
                    report = confidenceNoise > 0 ? new float[length] : null;
                }
                fill(new UniformDistribution(first(uniformNd, length), 0, 1), uniformNd, uniform, length, proposals);
                signs = world.signs(proposals.nextLong());
                return this;
            }

            /** The answers' and the confidences' noise, after {@link #uniforms}. */
            void noise(Random proposals) {
                if (answer != null) fill(new GaussianDistribution(first(answerNd, length), 0, 1), answerNd, answer, length, proposals);
                if (report != null) fill(new GaussianDistribution(first(reportNd, length), 0, 1), reportNd, report, length, proposals);
            }

            private static INDArray first(INDArray v, int length) {
                return v.length() == length ? v : v.get(NDArrayIndex.interval(0, length));
            }

            private static void fill(RandomOp op, INDArray nd, float[] into, int length, Random rng) {
                Nd4j.getExecutioner().exec(op, rng);
                Batched.read(nd, 0, into, length);
            }
        }

        private Agent[] workers;

        /**
         * One worker's room: up to {@link #BLOCK} agents' exposure and signal in Java arrays, one agent's choices and
         * verdicts, and what the model's part keeps ({@link #learn}).
         */
        abstract class Agent {
            final float[] e = new float[BLOCK * fields], s = new float[BLOCK];
            final float[] residual = new float[count];
            final boolean[] kept = new boolean[count];
            private final float[] familiar = new float[fields], fieldConfidence = new float[fields];
            private final double[] cdf = new double[fields];
            private final boolean[] allowed = new boolean[fields], believed = new boolean[fields];

            /**
             * Agents [lo, hi)'s choices (at most {@link #BLOCK}): Familiarity.fieldConfidence, then Proposer.allowed and sample: each proposal's
             * field, uniformly among those the agent may propose in, and its confidence in it.
             */
            final void choose(INDArray exposure, int lo, int hi) {
                int p = count, m = hi - lo;
                float[] u = draws.uniform;
                Batched.read(exposure, (long) lo * fields, e, m * fields);
                for (int agent = lo, a = 0; a < m; agent++, a++) {
                    int ea = a * fields, pa = agent * p;
                    for (int g = 0; g < fields; g++) familiar[g] = e[ea + g] / (e[ea + g] + half);
                    for (int f = 0; f < fields; f++) {
                        int[] act = active[f];
                        float[] wt = activeWeight[f];
                        float c = 0;
                        for (int q = 0; q < act.length; q++) c += familiar[act[q]] * wt[q];
                        fieldConfidence[f] = c;
                    }
                    int allowedCount = allow(fieldConfidence, allowed, believed);
                    double share = 1.0 / allowedCount, sum = 0;
                    for (int f = 0; f < fields; f++) {
                        if (allowed[f]) sum += share;
                        cdf[f] = sum;
                    }
                    for (int j = 0; j < p; j++) {
                        double x = (double) u[pa + j] * (1 - 1e-9);
                        int l = 0, h = fields; // the number of fields g with cdf[g] < x (cdf never decreases)
                        while (l < h) {
                            int mid = (l + h) >>> 1;
                            if (cdf[mid] - x < 0) l = mid + 1;
                            else h = mid;
                        }
                        field[pa + j] = l;
                        confidence[pa + j] = fieldConfidence[l];
                    }
                }
            }

            /**
             * Agents [lo, hi)'s ticks after their choices (at most {@link #BLOCK}): their exposure and signal copied in
             * from the tensors, {@link #learn}, and copied back. Their situations' signs come from the call's generator
             * {@code d.signs}, after {@code blocks} active blocks of the situations before. Returns whether their
             * weights are all finite after it.
             */
            final boolean agents(Draws d, PopulationView pop, int lo, int hi, long blocks) {
                ConceptsWorld.Signs signs = d.signs.twin();
                signs.seek(signs.positionAfter(blocks));
                INDArray exposure = pop.exposure(), signal = pop.signal();
                int m = hi - lo;
                Batched.read(exposure, (long) lo * fields, e, m * fields);
                Batched.read(signal, lo, s, m);
                boolean finite = learn(d, signs, pop, lo, hi);
                Batched.write(exposure, (long) lo * fields, e, m * fields);
                Batched.write(signal, lo, s, m);
                return finite;
            }

            /**
             * The model's part for agents [lo, hi), their weights copied in and back as it needs: per proposal its
             * signs (from {@code signs}, in the agents' order), the prediction, {@link #judge}; then the model's step
             * on what was kept and {@link #account}. Returns whether their weights are all finite after it.
             */
            abstract boolean learn(Draws d, ConceptsWorld.Signs signs, PopulationView pop, int lo, int hi);

            /**
             * Model.answer, Familiarity.proposalConfidence and the judge for proposal j of the agent whose proposals
             * begin at {@code pa}: its residual (prediction − answer) into {@code residual[j]}, and whether it is kept.
             */
            final boolean judge(Draws d, int pa, int j, float prediction) {
                float label = d.answer == null ? prediction : prediction + d.answer[pa + j] * noise;
                float reported = d.report == null ? confidence[pa + j] : confidence[pa + j] + d.report[pa + j] * confidenceNoise;
                reported = Math.min(Math.max(reported, 0f), 1f);
                residual[j] = prediction - label;
                return kept[j] = reported >= threshold;
            }

            /**
             * The accounting of an agent's kept proposals (those at {@code pa}, {@link #kept}; {@code accepted} of them):
             * the exposure each situation adds to its exposure at {@code e[ea]}, and the signal to {@code s[a]}.
             */
            final void account(int pa, int ea, int a, int accepted) {
                for (int j = 0; j < count; j++) {
                    if (!kept[j]) continue;
                    int[] act = active[field[pa + j]];
                    float[] add = activeExposure[field[pa + j]];
                    for (int q = 0; q < act.length; q++) e[ea + act[q]] += add[q];
                }
                s[a] += accepted * lr; // the signal of each example used: lr × steps, steps being 1
            }
        }

        /**
         * Proposer.allowed: the fields an agent may propose in, by its confidence; returns how many. At the frontier:
         * those it does not believe it has mastered whose prerequisites it believes it has, or all if there are none.
         */
        private int allow(float[] confidence, boolean[] allowed, boolean[] believed) {
            int count = 0;
            if (target instanceof TickStatement.Anywhere) {
                Arrays.fill(allowed, true);
                return fields;
            }
            if (range != null) {
                for (int f = 0; f < fields; f++) if (allowed[f] = range[f]) count++;
                return count; // the validator keeps a range inside the world
            }
            for (int f = 0; f < fields; f++) believed[f] = confidence[f] >= mastered;
            for (int f = 0; f < fields; f++) {
                boolean ready = !believed[f];
                for (int g : parents[f]) ready &= believed[g];
                if (allowed[f] = ready) count++;
            }
            if (count == 0) {
                Arrays.fill(allowed, true);
                count = fields;
            }
            return count;
        }
    }
}
