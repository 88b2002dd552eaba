package org.sealedbox.runtime.box;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.runtime.spi.*;

/**
 * One population's state: its model (all agents' weights in one set of tensors), the pretrained model
 * they started from, and per-agent accounting of what they trained on. All arrays have the agent as leading axis.
 */
public final class Population implements PopulationView, TrainingRecord {
    private final PopulationSpec spec;
    private final Model model;
    private Model pretrained;
    private final Pretrainer pretrainer;
    private final java.util.function.IntFunction<Model> fresh;
    private final World.Batch humanData;
    private final java.util.List<World.Batch> corpora = new java.util.ArrayList<>();
    private final java.util.List<World.Batch> current = new java.util.ArrayList<>();
    private int generation;
    private final Learner learner;
    private final Confidence confidence;
    private final World world;
    private final INDArray exposure;
    private final INDArray signal;
    private final INDArray humanSignal;
    private INDArray pretrainedExposure;
    private INDArray pretrainedSignal;
    private INDArray pretrainedHumanSignal;
    private final Notes notes;
    private final boolean shared;
    private final int recallSteps;
    private final double recallLr;
    private Model effective;
    private final org.nd4j.linalg.api.rng.Random tasteRng;
    private final org.nd4j.linalg.api.rng.Random breedRng;
    private INDArray tastes;
    private long age;
    /** The agents' shortcut policies and the one they started from; null when the world offers no temptations. */
    private final Policy policy;
    private Policy pretrainedPolicy;
    private double explorationNoise;
    private Accepted accepted = Accepted.NONE;
    /** Demonstrations of human behaviour on temptations in pretraining: how many, and how long the fit runs. */
    static final int HUMAN_DEMONSTRATIONS = 10_000, IMITATION_STEPS = 1500;
    static final double IMITATION_LR = 3.0;
    /** For a {@link #tile}: the population it is part of, and where its agents start there; null and 0 otherwise. */
    private final Population whole;
    private final long from;

    /**
     * Pretrains one fresh agent (from {@code fresh}) with {@code pretrainer} on its human data, then clones it into
     * {@code spec.count()} agents.
     */
    public Population(PopulationSpec spec, java.util.function.IntFunction<Model> fresh, Pretrainer pretrainer, Learner learner,
                      Confidence confidence, World world, Streams streams) {
        org.nd4j.linalg.api.rng.Random pretrainRng = streams.stream("pretrain:" + spec.name());
        this.tasteRng = streams.stream("tastes:" + spec.name());
        this.breedRng = streams.stream("breed:" + spec.name());
        this.spec = spec;
        this.learner = learner;
        this.confidence = confidence;
        this.world = world;
        this.pretrainer = pretrainer;
        this.fresh = fresh;
        this.pretrainRng = pretrainRng;
        this.whole = null;
        this.from = 0;
        this.humanData = pretrainer.humanData(world, pretrainRng);
        pretrainOn(humanData, Nd4j.ones(humanData.x().size(0)));
        // with no shared pretraining, every agent is its own fresh model (a random genome, say)
        this.model = pretrainer.clones() ? pretrained.replicate(spec.count()) : fresh.apply(spec.count());
        int n = spec.count();
        this.exposure = pretrainedExposure.repeat(0, n).reshape(n, world.fields());
        this.signal = pretrainedSignal.repeat(0, n).reshape(n);
        this.humanSignal = pretrainedHumanSignal.repeat(0, n).reshape(n);
        this.shared = spec.recall().choice("notes").name().equals("shared");
        this.notes = spec.context() > 0 ? new Notes(shared ? 1 : n, spec.context(), world.dims(), world.outputs()) : null;
        this.recallSteps = (int) spec.recall().integer("steps");
        this.recallLr = spec.recall().real("lr");
        World.Temptations t = world.temptations();
        if (t != null) {
            pretrainedPolicy = pretrainPolicy(t, streams.stream("imitation:" + spec.name()));
            policy = pretrainedPolicy.replicate(n);
        } else {
            policy = null;
        }
    }

    /** See {@link #tile}. */
    private Population(Population whole, long from, long to) {
        PopulationSpec s = whole.spec;
        this.spec = new PopulationSpec(s.name(), (int) (to - from), s.model(), s.pretrain(), s.learner(), s.confidence(),
                s.lifetimeTicks(), s.context(), s.recall(), s.span());
        this.whole = whole;
        this.from = from;
        this.model = whole.model.rows(from, to);
        this.pretrained = whole.pretrained;
        this.pretrainer = whole.pretrainer;
        this.fresh = whole.fresh;
        this.humanData = whole.humanData;
        this.generation = whole.generation;
        this.learner = whole.learner;
        this.confidence = whole.confidence;
        this.world = whole.world;
        this.exposure = Tensors.agentRange(whole.exposure, from, to);
        this.signal = Tensors.agentRange(whole.signal, from, to);
        this.humanSignal = Tensors.agentRange(whole.humanSignal, from, to);
        this.pretrainedExposure = whole.pretrainedExposure;
        this.pretrainedSignal = whole.pretrainedSignal;
        this.pretrainedHumanSignal = whole.pretrainedHumanSignal;
        this.notes = null;
        this.shared = false;
        this.recallSteps = whole.recallSteps;
        this.recallLr = whole.recallLr;
        this.tasteRng = whole.tasteRng;
        this.breedRng = whole.breedRng;
        this.pretrainRng = whole.pretrainRng;
        this.policy = null;
        this.pretrainedPolicy = null;
        this.age = whole.age;
        this.explorationNoise = whole.explorationNoise;
    }

    /** Whether the agents keep no notes and have no shortcut policy: what they answer with is their weights. */
    boolean plain() {
        return notes == null && policy == null;
    }

    /**
     * Whether a tick may run on this population a {@link #tile} of agents at a time: its model can make tiles, its
     * confidence and learner look at one agent at a time, and nothing it keeps couples agents or has no tile of its own
     * (notes, shortcut policies).
     */
    boolean tiles() {
        return whole == null && plain() && model.rows(0, 1) != null && confidence.agentLocal()
                && learner.agentLocal();
    }

    /**
     * The agents [{@code from}, {@code to}) as a population of their own, for one part of a tick: its weights,
     * exposure and signal are views of this population's (what a tick does to the tile, it does to these agents), and
     * it shares everything else (pretrained model, learner, confidence, corpus). Only for a population that
     * {@link #tiles}.
     */
    public Population tile(long from, long to) {
        if (!tiles()) throw new IllegalStateException("population " + name() + " cannot run in tiles of agents");
        return new Population(this, from, to);
    }

    /**
     * The policy part, pretrained by imitation: full-batch gradient descent on the cross-entropy of human demonstrations
     * on temptations (half of them watched), which converges to the humans' rate in every state the policy can tell apart.
     */
    private static Policy pretrainPolicy(World.Temptations t, org.nd4j.linalg.api.rng.Random rng) {
        Policy one = Policy.zeros(1, t.encoding());
        int m = HUMAN_DEMONSTRATIONS;
        INDArray observed = Nd4j.rand(rng, 1, m).lt(0.5).castTo(DataType.FLOAT);
        INDArray shortcut = Nd4j.rand(rng, 1, m).lt(t.human()).castTo(DataType.FLOAT);
        for (int i = 0; i < IMITATION_STEPS; i++) one.imitate(observed, shortcut, null, null, IMITATION_LR);
        return one;
    }

    @Override
    public Policy policy() {
        return policy;
    }

    @Override
    public Policy pretrainedPolicy() {
        return pretrainedPolicy;
    }

    @Override
    public double explorationNoise() {
        return explorationNoise;
    }

    void proposedWith(double noise) {
        if (whole != null) whole.proposedWith(noise);
        explorationNoise = noise;
    }

    @Override
    public Accepted accepted() {
        return accepted;
    }

    /** Adds accepted proposals' sums of gold and proxy to the current measurement window. */
    void accept(double count, double gold, double proxy) {
        if (whole != null) whole.accept(count, gold, proxy);
        accepted = accepted.plus(count, gold, proxy);
    }

    /** A measurement was taken: the next window starts empty. */
    void measured() {
        accepted = Accepted.NONE;
    }

    /**
     * Each agent's preferences over fields [N, F], standard normal, drawn when it is born (lazily, from the
     * population's own stream, so that scenarios without {@code focus} draw nothing).
     */
    public INDArray tastes() {
        if (whole != null) return Tensors.agentRange(whole.tastes(), from, from + spec.count());
        if (tastes == null) tastes = Scratch.keep(() -> Nd4j.randn(tasteRng, spec.count(), world.fields()));
        return tastes;
    }

    /** The agents' notes, or null when they keep none. */
    public Notes notes() {
        return notes;
    }

    /** Writes accepted pairs into the notes; reading them makes the agents familiar with their fields. */
    public void note(INDArray x, INDArray y, INDArray accepted, org.nd4j.linalg.api.rng.Random rng) {
        notes.write(x, y, accepted, shared ? rng : null);
        if (shared) {
            // every agent reads the whole board: what any agent wrote makes all of them familiar with it
            INDArray perBlock = world.blockExposure(x);
            Broadcast.mul(perBlock, accepted.castTo(perBlock.dataType()), perBlock, 0, 1);
            exposure.addiRowVector(perBlock.sum(0, 1));
        } else {
            trained(x, accepted, Nd4j.zeros(accepted.shape()), 0.0);
        }
        invalidate();
    }

    /** Notes as each agent reads them: its own, or the shared board repeated for every agent. */
    private INDArray[] readNotes() {
        if (!shared) return new INDArray[] {notes.x(), notes.y(), notes.valid()};
        int n = spec.count();
        return new INDArray[] {notes.x().repeat(0, n).reshape(n, notes.capacity(), notes.x().size(2)),
                notes.y().repeat(0, n).reshape(n, notes.capacity(), notes.y().size(2)),
                notes.valid().repeat(0, n).reshape(n, notes.capacity())};
    }

    /** Forgets the cached adapted model; the box calls it whenever weights or notes may have changed, and per scratch pass. */
    public void invalidate() {
        effective = null;
    }

    @Override
    public Model effective() {
        if (notes == null || recallSteps == 0) return model;
        if (effective == null) effective = adapt();
        return effective;
    }

    /**
     * k steps of gradient descent on each agent's own notes, from its weights, on a copy: in-context learning as
     * implicit gradient descent. The gradient is the mean over the agent's valid notes.
     */
    private Model adapt() {
        Model m = model.copy();
        long n = spec.count();
        INDArray[] read = readNotes();
        INDArray scale = read[2].sum(1).addi(1e-9).rdivi(notes.capacity()).reshape(n, 1);
        INDArray none = read[2].sum(1).lt(0.5).castTo(scale.dataType()).reshape(n, 1);
        scale.muli(none.rsub(1.0)); // an agent with no notes does not move
        for (int s = 0; s < recallSteps; s++) {
            var grads = m.gradient(read[0], read[1], read[2]);
            for (int i = 0; i < grads.size(); i++) {
                INDArray g = grads.get(i).reshape(n, -1).mulColumnVector(scale).muli(recallLr);
                m.params().get(i).subi(g.reshape(m.params().get(i).shape()));
            }
        }
        return m;
    }

    private final org.nd4j.linalg.api.rng.Random pretrainRng;

    /** A fresh model pretrained on {@code data}; it becomes what every agent of this generation starts from. */
    private void pretrainOn(World.Batch data, INDArray human) {
        Model one = fresh.apply(1);
        Accounting acc = new Accounting(world, 1);
        pretrainer.fit(one, data, human, world, pretrainRng, acc);
        pretrained = one;
        pretrainedExposure = acc.exposure.dup();
        pretrainedSignal = acc.signal.dup();
        pretrainedHumanSignal = acc.human.dup();
    }

    /** Keeps accepted pairs ({@code accepted} [N, P]) for the next generation's pretraining. */
    public void addToCorpus(INDArray x, INDArray y, INDArray accepted) {
        if (whole != null) {
            whole.addToCorpus(x, y, accepted);
            return;
        }
        long n = x.size(0) * x.size(1);
        INDArray keep = accepted.reshape(n).castTo(DataType.DOUBLE);
        if (keep.sumNumber().doubleValue() == 0) return;
        // compact to the accepted rows, outside the tick's scratch memory so that they last a generation
        long count = Math.round(keep.sumNumber().doubleValue());
        INDArray rows = Nd4j.sortWithIndices(keep.dup(), 0, false)[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count));
        current.add(Scratch.keep(() -> new World.Batch(
                Tensors.rows(x.reshape(n, x.size(2)), rows).dup(), Tensors.rows(y.reshape(n, y.size(2)), rows).dup())));
    }

    @Override
    public int generation() {
        return generation;
    }

    /**
     * The next generation: a fresh model pretrained from scratch on this generation's corpus ({@code replace}) or on
     * every corpus so far and the original human data ({@code accumulate}), plus a share {@code fresh} of new human
     * data; every agent is replaced by a copy of it (notes are kept). The corpus starts empty again.
     */
    public void regenerate(boolean accumulate, double freshShare) {
        corpora.add(concat(current));
        current.clear();
        java.util.List<World.Batch> parts = new java.util.ArrayList<>();
        java.util.List<INDArray> human = new java.util.ArrayList<>();
        if (accumulate) {
            parts.add(humanData);
            human.add(Nd4j.ones(humanData.x().size(0)));
            for (World.Batch c : corpora) if (c != null) {
                parts.add(c);
                human.add(Nd4j.zeros(c.x().size(0)));
            }
        } else if (corpora.get(corpora.size() - 1) != null) {
            World.Batch last = corpora.get(corpora.size() - 1);
            parts.add(last);
            human.add(Nd4j.zeros(last.x().size(0)));
        }
        long synthetic = parts.stream().mapToLong(b -> b.x().size(0)).sum() - (accumulate ? humanData.x().size(0) : 0);
        long freshCount = parts.isEmpty() ? humanData.x().size(0) : Math.round(synthetic * freshShare / (1 - freshShare));
        if (freshCount > 0) {
            World.Batch f = world.humanData((int) freshCount, pretrainRng);
            parts.add(f);
            human.add(Nd4j.ones(freshCount));
        }
        World.Batch data = concat(parts);
        pretrainOn(data, Nd4j.concat(0, human.toArray(INDArray[]::new)));
        generation++;
        replaceAll();
    }

    private static World.Batch concat(java.util.List<World.Batch> parts) {
        if (parts.isEmpty()) return null;
        if (parts.size() == 1) return parts.get(0);
        return new World.Batch(Nd4j.concat(0, parts.stream().map(World.Batch::x).toArray(INDArray[]::new)),
                Nd4j.concat(0, parts.stream().map(World.Batch::y).toArray(INDArray[]::new)));
    }

    public PopulationSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public Model pretrained() {
        return pretrained;
    }

    public Learner learner() {
        return learner;
    }

    @Override
    public Confidence confidence() {
        return confidence;
    }

    @Override
    public INDArray exposure() {
        return exposure;
    }

    @Override
    public INDArray signal() {
        return signal;
    }

    @Override
    public INDArray humanSignal() {
        return humanSignal;
    }

    @Override
    public void trained(INDArray x, INDArray used, INDArray human, double stepSize) {
        Accounting.add(world, x, used, human, stepSize, exposure, signal, this.humanSignal);
    }

    /** Advances the agents' age by one tick; at the end of a lifetime every agent is replaced by a fresh pretrained copy. */
    public boolean age() {
        age++;
        if (spec.lifetimeTicks() > 0 && age >= spec.lifetimeTicks()) {
            if (learner.breeds()) {
                // selection by the gold objective: each agent's accuracy against the truth, over every field
                INDArray fitness = model.fieldErrors(world).accuracy().mean(1);
                learner.nextGeneration(model, fitness, breedRng);
                age = 0;
                generation++;
                invalidate();
            } else {
                replaceAll();
            }
            return true;
        }
        return false;
    }

    /** Every agent is replaced by a fresh copy of the pretrained model, keeping only the notes. */
    private void replaceAll() {
        age = 0;
        learner.reset();
        tastes = null; // successors have tastes of their own
        Model copies = pretrained.replicate(spec.count());
        for (int i = 0; i < model.params().size(); i++) model.params().get(i).assign(copies.params().get(i));
        if (policy != null) policy.weights().assign(pretrainedPolicy.replicate(spec.count()).weights());
        exposure.assign(0).addiRowVector(pretrainedExposure);
        signal.assign(pretrainedSignal.getDouble(0));
        humanSignal.assign(pretrainedHumanSignal.getDouble(0));
        // the successor inherits the notes, and reading them makes it familiar with their fields
        if (notes != null) {
            INDArray[] read = readNotes();
            trained(read[0], read[2], Nd4j.zeros(read[2].shape()), 0.0);
        }
        invalidate();
    }

    /** Exposure and signal counters of a model being pretrained. */
    private static final class Accounting implements TrainingRecord {
        final World world;
        final INDArray exposure, signal, human;

        Accounting(World world, int n) {
            this.world = world;
            exposure = Nd4j.zeros(n, world.fields());
            signal = Nd4j.zeros(n);
            human = Nd4j.zeros(n);
        }

        @Override
        public void trained(INDArray x, INDArray used, INDArray humanMask, double stepSize) {
            add(world, x, used, humanMask, stepSize, exposure, signal, human);
        }

        /** exposure += Σ_b used·blockExposure(x_b); signal += step·Σ_b used; human += step·Σ_b used·human. */
        static void add(World world, INDArray x, INDArray used, INDArray humanMask, double step, INDArray exposure,
                        INDArray signal, INDArray human) {
            INDArray perBlock = world.blockExposure(x); // [N, B, F]
            Broadcast.mul(perBlock, used.castTo(perBlock.dataType()), perBlock, 0, 1);
            exposure.addi(perBlock.sum(1));
            signal.addi(used.sum(1).muli(step));
            human.addi(used.mul(humanMask).sum(1).muli(step));
        }
    }
}
