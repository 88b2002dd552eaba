package org.sealedbox.dsl.check;

import java.util.List;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.ParamType;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;

/** Parameters of the language's own statements (not plugins), checked like plugin parameters. */
public final class BuiltinSchemas {
    private BuiltinSchemas() {}

    /**
     * {@code context C [steps k] [lr η]}: an agent's notes hold at most C (situation, answer) pairs; at prediction time
     * it adapts to them by k steps of gradient descent at rate η and then discards the adaptation (in-context learning
     * as implicit gradient descent). k = 0: notes are kept (and inherited) but not used.
     */
    public static final PluginSchema CONTEXT = new PluginSchema(PluginKind.LEARNER, "context",
            "notes an agent keeps, and how it learns from them in context",
            List.of(ParamSpec.integer("steps", 0, 0, 10_000, "gradient steps on the notes at prediction time (0: notes unused)"),
                    ParamSpec.real("lr", 0.1, 0, 10, "rate of those steps"),
                    ParamSpec.choice("notes", "own", new ParamType.ChoiceType(List.of(ParamType.Option.plain("own"),
                            ParamType.Option.plain("shared"))),
                            "own: each agent keeps its notes; shared: one board all agents read and write (when more notes "
                                    + "arrive in a tick than it holds, a random subset of them is kept)")));

    /**
     * A population in a {@code generation} block: its next generation is pretrained from scratch on its corpus
     * (what was selected into {@code pop.corpus}) — only the last generation's ({@code replace}), or every
     * generation's together with the original human data ({@code accumulate}) — plus a share of fresh human data.
     */
    public static final PluginSchema GENERATION = new PluginSchema(PluginKind.PRETRAIN, "generation",
            "how a population's next generation is pretrained",
            List.of(ParamSpec.choice("corpus", "accumulate", new ParamType.ChoiceType(List.of(
                            ParamType.Option.plain("accumulate"), ParamType.Option.plain("replace"))),
                            "replace: train only on the last generation's corpus; accumulate: on all corpora and the original human data"),
                    ParamSpec.real("fresh", 0, 0, 0.95, "share of fresh human data in each new pretraining set")));

    /** {@code pop proposes N at target [noise s]}. The kind is nominal: proposing is built into the box. */
    public static final PluginSchema PROPOSES = new PluginSchema(PluginKind.JUDGE, "proposes",
            "each agent picks situations at the target and outputs its prediction plus exploration noise",
            List.of(ParamSpec.real("noise", 0.3, 0, Double.POSITIVE_INFINITY,
                            "exploration noise: standard deviation of the noise an agent adds to its own prediction"),
                    ParamSpec.real("focus", 0, 0, 100,
                            "how strongly each agent prefers some fields to others (0: uniform over the target; each "
                                    + "agent's tastes are drawn at birth, so that agents specialise)")));

    /**
     * {@code pop imitates humans …}: character training interleaved with the rest of the tick program. Each step is one
     * gradient step of the agents' shortcut policy towards human behaviour on temptations (cross-entropy on
     * {@code examples} human demonstrations), scaled by what the efficacy hypothesis says it achieves for each agent.
     */
    public static final PluginSchema IMITATE = new PluginSchema(PluginKind.LEARNER, "imitates",
            "character training: imitation of human behaviour on temptations",
            List.of(ParamSpec.real("rate", 1, 0, 1000,
                            "imitation steps a tick (0.1: one step every 10 ticks)"),
                    ParamSpec.integer("examples", 16, 1, 1_000_000, "human demonstrations per step"),
                    ParamSpec.real("lr", 0.5, 0, 100, "step size of each imitation step, before efficacy"),
                    new ParamSpec("efficacy", new ParamType.PluginRefType(PluginKind.EFFICACY),
                            new org.sealedbox.dsl.ir.PluginUse(PluginKind.EFFICACY, "constant",
                                    new org.sealedbox.dsl.schema.ParamValues(java.util.Map.of()), null),
                            "how much of each step takes effect: constant, or similarity(gamma) to the pretrained weights")));
}
