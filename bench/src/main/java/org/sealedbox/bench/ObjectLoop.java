package org.sealedbox.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bench's box (bench/boxes/*.box) written the way a Java programmer would write it without a tensor library: one
 * {@link Agent} object per agent, holding its own weights in {@code float[]} / {@code float[][]}, its exposure and its
 * notes; the population is a {@code List<Agent>}; a tick loops over the agents and, per agent, over its proposals, with
 * plain loops over arrays. One {@link SplittableRandom} stream, seeded from the run's seed, draws everything. No ND4J.
 *
 * <p>It is the "one object per agent" baseline of {@code sealedbox bench}: the same physics as the engine, so that the
 * two can be compared number for number (statistically: the random streams differ). Where each piece comes from:
 * <ul>
 *   <li>{@link World}: world {@code concepts} (ConceptsWorld, Structure): 24 fields × 16 inputs, a chain of
 *       prerequisites, amplitude 0.7^hops, a random teacher of unit norm per block, situations of random ±1 entries
 *       times the amplitude, human data from fields 0..5 with label noise 0.1, 64 held-out situations per field;</li>
 *   <li>{@link #pretrain}: {@code pretrain humans samples 20000 epochs 5} (HumanPretraining: batch 32, lr 0.02), ONE
 *       model, copied to every agent (Population), with the exposure of all 20000 examples;</li>
 *   <li>{@link Linear} and {@link Mlp}: models {@code linear} (θ [D], initially 0) and {@code mlp hidden 64} (W1, b1,
 *       W2, b2, initialised randn·1/√fan-in, biases 0); a step is one step of gradient descent on
 *       ½·Σ used·(f(x) − y)² / B (Model.step);</li>
 *   <li>{@link Agent#fieldConfidence} and {@link Agent#frontier}: confidence {@code familiarity half 100 mastered 0.8}
 *       (noise 0.1), proposals {@code proposes 8 at frontier noise 0.5} (Familiarity, Proposer);</li>
 *   <li>{@link #tick}: judge {@code self_confidence threshold 0.5}, then learner {@code sft lr 0.05} (one step on
 *       the accepted proposals, the gradient a mean over all 8 slots) or, with notes, {@code learner context
 *       context 64 steps 1 lr 0.05} (the 64 most recent accepted proposals are kept; the agent answers, and is
 *       measured, after one step of gradient descent on them, on a copy of its weights, which never change);
 *       exposure += Σ over accepted proposals of their block exposure (SelfConfidence, Box.select, Sft, Notes,
 *       Population.note and adapt, InContext);</li>
 *   <li>{@link #run}'s measurement: {@code accuracy(human)}, {@code accuracy(new)} (1 − MSE/Var per field, mean over
 *       the fields and the agents; exact for the linear model, on the held-out situations for the mlp) and
 *       {@code drift} (‖θ − θ₀‖ / ‖θ₀‖ over all weights, mean over the agents) (Accuracy, Drift).</li>
 * </ul>
 * The world has one output (k = 1), as the bench's boxes do, so a prediction is a single number.
 */
public final class ObjectLoop {
    // world concepts (the box's settings and the plugin's defaults)
    static final int FIELDS = 24, WIDTH = 16, D = FIELDS * WIDTH;
    static final double ALPHA = 0.7;
    static final int HUMAN_FIELDS = 6; // fields 0..5
    static final double HUMAN_NOISE = 0.1;
    static final int HELD_OUT_PER_FIELD = 64;
    // pretrain humans samples 20000 epochs 5 (batch 32, lr 0.02)
    static final int PRETRAIN_SAMPLES = 20_000, PRETRAIN_EPOCHS = 5, PRETRAIN_BATCH = 32;
    static final double PRETRAIN_LR = 0.02;
    // model mlp hidden 64 (init 1)
    static final int HIDDEN = 64;
    // confidence familiarity half 100 mastered 0.8 (noise 0.1)
    static final double HALF = 100, MASTERED = 0.8, CONFIDENCE_NOISE = 0.1;
    // llm proposes 8 at frontier noise 0.5; judge self_confidence threshold 0.5; learner sft lr 0.05
    static final int PROPOSALS = 8;
    static final double ANSWER_NOISE = 0.5, THRESHOLD = 0.5, SFT_LR = 0.05;
    // learner context: context 64 steps 1 lr 0.05
    static final int NOTES = 64;
    static final double NOTES_LR = 0.05;

    private ObjectLoop() {}

    /** One run: {@code model} linear | mlp, with or without notes, {@code agents} agents, untimed and timed ticks. */
    public record Config(String model, boolean notes, int agents, int warmup, int ticks, long seed) {
        public Config {
            if (!model.equals("linear") && !model.equals("mlp")) throw new IllegalArgumentException("model must be linear or mlp, not " + model);
            if (agents < 1) throw new IllegalArgumentException("agents must be at least 1");
            if (warmup < 0) throw new IllegalArgumentException("warmup must be at least 0");
            if (ticks < 1) throw new IllegalArgumentException("ticks must be at least 1");
        }
    }

    /**
     * What a run measured (the bench's JSON contract). {@code seconds}: wall time of the timed ticks;
     * {@code peakMemoryBytes}: the JVM's used heap (total − free after a {@code System.gc()}) with the run's population
     * in it, the larger of two readings: once the population is made, and after the timed ticks (when the notes, if
     * any, are full).
     */
    public record Result(String impl, String model, boolean notes, int agents, int warmup, int ticks, double seconds,
                         double agentTicksPerSecond, double accuracyHuman, double accuracyNew, double drift,
                         long peakMemoryBytes) {
        /** One line of JSON, the fields in the contract's order. */
        public String toJson() {
            return "{\"impl\": \"" + impl + "\", \"model\": \"" + model + "\", \"notes\": " + notes + ", \"agents\": " + agents
                    + ", \"warmup\": " + warmup + ", \"ticks\": " + ticks + ", \"seconds\": " + number(seconds)
                    + ", \"agent_ticks_per_second\": " + number(agentTicksPerSecond) + ", \"accuracy_human\": " + number(accuracyHuman)
                    + ", \"accuracy_new\": " + number(accuracyNew) + ", \"drift\": " + number(drift)
                    + ", \"peak_memory_bytes\": " + peakMemoryBytes + "}";
        }

        private static String number(double v) {
            return Double.isFinite(v) ? Double.toString(v) : "null";
        }
    }

    /** Builds the world, pretrains, makes the population, runs the warm-up and the timed ticks, and measures. */
    public static Result run(Config c) {
        SplittableRandom random = new SplittableRandom(c.seed());
        World world = new World(random);
        Model pretrained = c.model().equals("linear") ? new Linear() : Mlp.random(random);
        double[] pretrainedExposure = pretrain(pretrained, world, random);

        List<Agent> population = new ArrayList<>(c.agents());
        for (int i = 0; i < c.agents(); i++) {
            population.add(new Agent(pretrained.copy(), pretrainedExposure.clone(), c.notes()));
        }
        long memory = usedHeap();

        for (int t = 0; t < c.warmup(); t++) tick(population, world, random);
        long start = System.nanoTime();
        for (int t = 0; t < c.ticks(); t++) tick(population, world, random);
        double seconds = (System.nanoTime() - start) / 1e9;
        memory = Math.max(memory, usedHeap());

        double human = 0, fresh = 0, drift = 0;
        for (Agent agent : population) {
            double[] accuracy = agent.answering().fieldAccuracy(world);
            for (int f = 0; f < FIELDS; f++) {
                if (f < HUMAN_FIELDS) human += accuracy[f] / HUMAN_FIELDS;
                else fresh += accuracy[f] / (FIELDS - HUMAN_FIELDS);
            }
            drift += Math.sqrt(agent.weights.squaredDistance(pretrained)) / Math.sqrt(pretrained.squaredNorm());
        }
        int n = population.size();
        return new Result("objects", c.model(), c.notes(), n, c.warmup(), c.ticks(), seconds, (double) n * c.ticks() / seconds,
                human / n, fresh / n, drift / n, memory);
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /**
     * Minibatch SGD on fresh human data, the same data in the same order every epoch. Returns the exposure it gives
     * (every example once, however many epochs), which every agent starts with.
     */
    static double[] pretrain(Model model, World world, SplittableRandom random) {
        List<Example> data = new ArrayList<>(PRETRAIN_SAMPLES);
        for (int i = 0; i < PRETRAIN_SAMPLES; i++) data.add(world.humanExample(random));
        for (int e = 0; e < PRETRAIN_EPOCHS; e++) {
            for (int from = 0; from < data.size(); from += PRETRAIN_BATCH) {
                List<Example> batch = data.subList(from, Math.min(data.size(), from + PRETRAIN_BATCH));
                model.step(batch, batch.size(), PRETRAIN_LR);
            }
        }
        double[] exposure = new double[FIELDS];
        for (Example example : data) world.addBlockExposure(example.x(), exposure);
        return exposure;
    }

    /** One tick, agent by agent: propose, judge (self-confidence), learn from what was accepted (or note it). */
    static void tick(List<Agent> population, World world, SplittableRandom random) {
        for (Agent agent : population) {
            List<Proposal> proposals = agent.propose(world, random);
            List<Example> accepted = new ArrayList<>();
            for (Proposal p : proposals) {
                if (p.confidence() >= THRESHOLD) accepted.add(new Example(p.x(), p.label()));
            }
            if (agent.notes != null) agent.note(accepted);
            else agent.weights.step(accepted, PROPOSALS, SFT_LR); // the mean over all 8 slots, rejected ones counting 0
            for (Example e : accepted) world.addBlockExposure(e.x(), agent.exposure);
        }
    }

    /** A situation and its label (a human's, an agent's proposal, a note). */
    record Example(float[] x, float y) {}

    /** One proposal: a situation of {@code field}, the agent's answer as its label, and its reported confidence. */
    record Proposal(int field, float[] x, float prediction, float label, double confidence) {}

    /** One agent: its own weights, its exposure per block, and its notes (newest first) when it keeps any. */
    static final class Agent {
        final Model weights;
        final double[] exposure;
        final Deque<Example> notes;

        Agent(Model weights, double[] exposure, boolean keepsNotes) {
            this.weights = weights;
            this.exposure = exposure;
            this.notes = keepsNotes ? new ArrayDeque<>(NOTES) : null;
        }

        /**
         * The model the agent answers with: its weights, or, when it keeps notes, a copy of them after one step of
         * gradient descent on the mean squared error over its notes (an agent without notes does not move).
         */
        Model answering() {
            if (notes == null || notes.isEmpty()) return weights;
            Model adapted = weights.copy();
            adapted.step(new ArrayList<>(notes), notes.size(), NOTES_LR);
            return adapted;
        }

        /** Confidence per field: the familiarity e / (e + half) of each block, weighted by its energy in the field. */
        double[] fieldConfidence(World world) {
            double[] familiarity = new double[FIELDS];
            for (int b = 0; b < FIELDS; b++) familiarity[b] = exposure[b] / (exposure[b] + HALF);
            double[] confidence = new double[FIELDS];
            for (int f = 0; f < FIELDS; f++) {
                double sum = 0;
                for (int b = 0; b < FIELDS; b++) sum += world.confidenceWeight[f][b] * familiarity[b];
                confidence[f] = sum;
            }
            return confidence;
        }

        /** The fields it does not believe it has mastered whose prerequisites it believes it has; every field if none. */
        List<Integer> frontier(double[] confidence, World world) {
            List<Integer> frontier = new ArrayList<>();
            for (int f = 0; f < FIELDS; f++) {
                if (confidence[f] >= MASTERED) continue;
                boolean ready = true;
                for (int p : world.prerequisites[f]) {
                    if (confidence[p] < MASTERED) ready = false;
                }
                if (ready) frontier.add(f);
            }
            if (frontier.isEmpty()) {
                for (int f = 0; f < FIELDS; f++) frontier.add(f);
            }
            return frontier;
        }

        /** 8 situations at the frontier, uniformly among its fields; its prediction plus noise; its confidence plus noise. */
        List<Proposal> propose(World world, SplittableRandom random) {
            Model model = answering();
            double[] confidence = fieldConfidence(world);
            List<Integer> frontier = frontier(confidence, world);
            List<Proposal> proposals = new ArrayList<>(PROPOSALS);
            for (int i = 0; i < PROPOSALS; i++) {
                int field = frontier.get(random.nextInt(frontier.size()));
                float[] x = world.situation(field, random);
                float prediction = model.predict(x);
                float label = prediction + (float) (ANSWER_NOISE * random.nextGaussian());
                double reported = confidence[field] + CONFIDENCE_NOISE * random.nextGaussian();
                proposals.add(new Proposal(field, x, prediction, label, Math.min(1, Math.max(0, reported))));
            }
            return proposals;
        }

        /**
         * Keeps the 64 most recent notes: this tick's accepted proposals come before the older notes, the
         * first proposal counting as the most recent (as the engine orders them), and the oldest are forgotten.
         */
        void note(List<Example> accepted) {
            for (int i = accepted.size() - 1; i >= 0; i--) notes.addFirst(accepted.get(i));
            while (notes.size() > NOTES) notes.removeLast();
        }
    }

    /**
     * World {@code concepts fields 24 width 16 prerequisites chain human 0..5}: field f needs field f − 1; a situation of
     * field f has random ±1 entries in its block and in each ancestor's block, times α^hops (here α^(f − b) for b ≤ f).
     */
    static final class World {
        /** amplitude[f][b]: the amplitude of block b in situations of field f. */
        final float[][] amplitude = new float[FIELDS][FIELDS];
        /** The direct prerequisites of each field. */
        final int[][] prerequisites = new int[FIELDS][];
        /** How much block b counts in field f's confidence: amplitude² normalised over the field. */
        final double[][] confidenceWeight = new double[FIELDS][FIELDS];
        /** The hidden teacher, unit norm in every block. */
        final float[] teacher = new float[D];
        /** E[y²] of each field's situations. */
        final double[] variance = new double[FIELDS];
        /** The fixed held-out situations, 64 per field, for the mlp's accuracy. */
        final float[][][] heldOut = new float[FIELDS][HELD_OUT_PER_FIELD][];

        World(SplittableRandom random) {
            for (int f = 0; f < FIELDS; f++) {
                prerequisites[f] = f == 0 ? new int[0] : new int[] {f - 1};
                for (int b = 0; b <= f; b++) amplitude[f][b] = (float) Math.pow(ALPHA, f - b);
                double energy = 0;
                for (int b = 0; b < FIELDS; b++) energy += amplitude[f][b] * amplitude[f][b];
                for (int b = 0; b < FIELDS; b++) confidenceWeight[f][b] = amplitude[f][b] * amplitude[f][b] / energy;
            }
            for (int i = 0; i < D; i++) teacher[i] = (float) random.nextGaussian();
            for (int b = 0; b < FIELDS; b++) {
                double norm = 0;
                for (int i = b * WIDTH; i < (b + 1) * WIDTH; i++) norm += teacher[i] * teacher[i];
                norm = Math.sqrt(norm);
                for (int i = b * WIDTH; i < (b + 1) * WIDTH; i++) teacher[i] /= norm;
            }
            double[] blockNorm = blockSquares(teacher, null);
            for (int f = 0; f < FIELDS; f++) {
                for (int b = 0; b < FIELDS; b++) variance[f] += (double) amplitude[f][b] * amplitude[f][b] * blockNorm[b];
            }
            for (int f = 0; f < FIELDS; f++) {
                for (int i = 0; i < HELD_OUT_PER_FIELD; i++) heldOut[f][i] = situation(f, random);
            }
        }

        float[] situation(int field, SplittableRandom random) {
            float[] x = new float[D];
            for (int b = 0; b < FIELDS; b++) {
                float a = amplitude[field][b];
                if (a == 0) continue;
                for (int i = b * WIDTH; i < (b + 1) * WIDTH; i++) x[i] = random.nextBoolean() ? a : -a;
            }
            return x;
        }

        float truth(float[] x) {
            float y = 0;
            for (int i = 0; i < D; i++) y += teacher[i] * x[i];
            return y;
        }

        /** A situation of a human field (uniformly among them), labelled with the truth plus human noise. */
        Example humanExample(SplittableRandom random) {
            float[] x = situation(random.nextInt(HUMAN_FIELDS), random);
            return new Example(x, truth(x) + (float) (HUMAN_NOISE * random.nextGaussian()));
        }

        /** exposure[b] += Σ over block b of x² / width. */
        void addBlockExposure(float[] x, double[] exposure) {
            double[] squares = blockSquares(x, null);
            for (int b = 0; b < FIELDS; b++) exposure[b] += squares[b] / WIDTH;
        }

        /** Per block, Σ (v − minus)² (minus may be null). */
        static double[] blockSquares(float[] v, float[] minus) {
            double[] sums = new double[FIELDS];
            for (int b = 0; b < FIELDS; b++) {
                for (int i = b * WIDTH; i < (b + 1) * WIDTH; i++) {
                    double d = minus == null ? v[i] : (double) v[i] - minus[i];
                    sums[b] += d * d;
                }
            }
            return sums;
        }

        /**
         * Exact MSE per field of a linear model θ: situations' entries are independent with variance amplitude², so
         * E[((θ − teacher)·x)²] = Σ_b amplitude[f][b]² · ‖θ_b − teacher_b‖².
         */
        double[] linearFieldMse(float[] theta) {
            double[] blockError = blockSquares(theta, teacher);
            double[] mse = new double[FIELDS];
            for (int f = 0; f < FIELDS; f++) {
                for (int b = 0; b < FIELDS; b++) mse[f] += (double) amplitude[f][b] * amplitude[f][b] * blockError[b];
            }
            return mse;
        }
    }

    /** One agent's beliefs: a function from situations to predictions that can take gradient steps. */
    interface Model {
        float predict(float[] x);

        /**
         * One step of gradient descent at rate {@code lr} on ½·Σ (f(x) − y)² / {@code denominator} over the examples:
         * the gradient is computed at the current weights for every example, then applied.
         */
        void step(List<Example> examples, int denominator, double lr);

        Model copy();

        /** 1 − MSE/Var per field. */
        double[] fieldAccuracy(World world);

        /** Σ over all weights of (this − other)². */
        double squaredDistance(Model other);

        double squaredNorm();
    }

    /** Model {@code linear}: prediction θ·x; initially 0 (it knows nothing outside its data). */
    static final class Linear implements Model {
        final float[] theta;

        Linear() {
            this(new float[D]);
        }

        Linear(float[] theta) {
            this.theta = theta;
        }

        @Override
        public float predict(float[] x) {
            float y = 0;
            for (int i = 0; i < D; i++) y += theta[i] * x[i];
            return y;
        }

        @Override
        public void step(List<Example> examples, int denominator, double lr) {
            float[] errors = new float[examples.size()];
            for (int b = 0; b < examples.size(); b++) errors[b] = predict(examples.get(b).x()) - examples.get(b).y();
            for (int b = 0; b < examples.size(); b++) {
                float g = (float) (lr * errors[b] / denominator);
                float[] x = examples.get(b).x();
                for (int i = 0; i < D; i++) theta[i] -= g * x[i];
            }
        }

        @Override
        public Model copy() {
            return new Linear(theta.clone());
        }

        /** Exact, over the world's distribution of situations. */
        @Override
        public double[] fieldAccuracy(World world) {
            double[] mse = world.linearFieldMse(theta);
            double[] accuracy = new double[FIELDS];
            for (int f = 0; f < FIELDS; f++) accuracy[f] = 1 - mse[f] / world.variance[f];
            return accuracy;
        }

        @Override
        public double squaredDistance(Model other) {
            float[] o = ((Linear) other).theta;
            double sum = 0;
            for (int i = 0; i < D; i++) {
                double d = (double) theta[i] - o[i];
                sum += d * d;
            }
            return sum;
        }

        @Override
        public double squaredNorm() {
            double sum = 0;
            for (float t : theta) sum += (double) t * t;
            return sum;
        }
    }

    /** Model {@code mlp hidden 64}: one hidden layer of ReLU units, out = w2·relu(W1·x + b1) + b2. */
    static final class Mlp implements Model {
        final float[][] w1;
        final float[] b1, w2;
        float b2;

        Mlp(float[][] w1, float[] b1, float[] w2, float b2) {
            this.w1 = w1;
            this.b1 = b1;
            this.w2 = w2;
            this.b2 = b2;
        }

        /** Weights randn·1/√fan-in, biases 0. */
        static Mlp random(SplittableRandom random) {
            float[][] w1 = new float[HIDDEN][D];
            for (float[] row : w1) {
                for (int i = 0; i < D; i++) row[i] = (float) (random.nextGaussian() / Math.sqrt(D));
            }
            float[] w2 = new float[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) w2[j] = (float) (random.nextGaussian() / Math.sqrt(HIDDEN));
            return new Mlp(w1, new float[HIDDEN], w2, 0);
        }

        /** The hidden units' pre-activations W1·x + b1. */
        private float[] hiddenInput(float[] x) {
            float[] z = new float[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                float sum = b1[j];
                float[] row = w1[j];
                for (int i = 0; i < D; i++) sum += row[i] * x[i];
                z[j] = sum;
            }
            return z;
        }

        private float output(float[] z) {
            float out = b2;
            for (int j = 0; j < HIDDEN; j++) out += w2[j] * Math.max(0, z[j]);
            return out;
        }

        @Override
        public float predict(float[] x) {
            return output(hiddenInput(x));
        }

        /** Backpropagation: every example's error and hidden gradient at the current weights first, then the update. */
        @Override
        public void step(List<Example> examples, int denominator, double lr) {
            int m = examples.size();
            float[][] hidden = new float[m][];
            float[][] hiddenGradient = new float[m][HIDDEN];
            float[] errors = new float[m];
            for (int b = 0; b < m; b++) {
                float[] z = hiddenInput(examples.get(b).x());
                errors[b] = (output(z) - examples.get(b).y()) / denominator;
                for (int j = 0; j < HIDDEN; j++) {
                    hiddenGradient[b][j] = z[j] > 0 ? errors[b] * w2[j] : 0;
                    z[j] = Math.max(0, z[j]);
                }
                hidden[b] = z;
            }
            float rate = (float) lr;
            for (int b = 0; b < m; b++) {
                float[] x = examples.get(b).x();
                for (int j = 0; j < HIDDEN; j++) {
                    w2[j] -= rate * errors[b] * hidden[b][j];
                    b1[j] -= rate * hiddenGradient[b][j];
                    float g = rate * hiddenGradient[b][j];
                    float[] row = w1[j];
                    for (int i = 0; i < D; i++) row[i] -= g * x[i];
                }
                b2 -= rate * errors[b];
            }
        }

        @Override
        public Model copy() {
            float[][] w = new float[HIDDEN][];
            for (int j = 0; j < HIDDEN; j++) w[j] = w1[j].clone();
            return new Mlp(w, b1.clone(), w2.clone(), b2);
        }

        /** On the world's held-out situations: MSE per field over its 64, against the mean squared truth over them. */
        @Override
        public double[] fieldAccuracy(World world) {
            double[] accuracy = new double[FIELDS];
            for (int f = 0; f < FIELDS; f++) {
                double error = 0, truth = 0;
                for (float[] x : world.heldOut[f]) {
                    double y = world.truth(x);
                    double d = predict(x) - y;
                    error += d * d;
                    truth += y * y;
                }
                accuracy[f] = 1 - error / truth;
            }
            return accuracy;
        }

        @Override
        public double squaredDistance(Model other) {
            Mlp o = (Mlp) other;
            double sum = 0;
            for (int j = 0; j < HIDDEN; j++) {
                for (int i = 0; i < D; i++) sum += square((double) w1[j][i] - o.w1[j][i]);
                sum += square((double) b1[j] - o.b1[j]) + square((double) w2[j] - o.w2[j]);
            }
            return sum + square((double) b2 - o.b2);
        }

        @Override
        public double squaredNorm() {
            double sum = 0;
            for (int j = 0; j < HIDDEN; j++) {
                for (int i = 0; i < D; i++) sum += square(w1[j][i]);
                sum += square(b1[j]) + square(w2[j]);
            }
            return sum + square(b2);
        }

        private static double square(double v) {
            return v * v;
        }
    }

    /**
     * {@code --agents N --model linear|mlp [--notes] --warmup W --ticks T --seed S}: runs the box and prints one line of
     * JSON on stdout.
     */
    public static void main(String[] args) {
        Integer agents = null, warmup = null, ticks = null;
        Long seed = null;
        String model = null;
        boolean notes = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--notes" -> notes = true;
                    case "--agents" -> agents = Integer.parseInt(value(args, ++i));
                    case "--model" -> model = value(args, ++i);
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                    case "--ticks" -> ticks = Integer.parseInt(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (agents == null || model == null || warmup == null || ticks == null || seed == null) {
                throw new IllegalArgumentException("--agents, --model, --warmup, --ticks and --seed are required");
            }
            Config config = new Config(model, notes, agents, warmup, ticks, seed);
            System.out.println(run(config).toJson());
        } catch (IllegalArgumentException e) {
            System.err.println("ObjectLoop: " + e.getMessage());
            System.err.println("usage: ObjectLoop --agents N --model linear|mlp [--notes] --warmup W --ticks T --seed S");
            System.exit(2);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }
}
