package org.sealedbox.dsl;

import java.util.List;
import org.sealedbox.dsl.schema.IntRange;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.ParamType;
import org.sealedbox.dsl.schema.PluginCatalog;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;

/**
 * A plugin catalog that mirrors the standard plugins (module {@code plugins}) by their schemas only,
 * so that the DSL's tests never load plugin code, Guice or ND4J.
 */
public final class TestCatalog {
    private TestCatalog() {}

    public static final ParamType.ChoiceType PREREQUISITES = new ParamType.ChoiceType(List.of(
            ParamType.Option.plain("chain"),
            ParamType.Option.with("tree", "k", new ParamType.IntType(1, 64)),
            ParamType.Option.plain("none")));

    public static final ParamType.ChoiceType ACCURACY_FIELDS = new ParamType.ChoiceType(List.of(
            ParamType.Option.plain("human"), ParamType.Option.plain("new"), ParamType.Option.plain("all")));

    public static final List<PluginSchema> SCHEMAS = List.of(
            new PluginSchema(PluginKind.WORLD, "concepts", "fields of knowledge with prerequisites", List.of(
                    ParamSpec.integer("fields", 24, 1, 4096, "number of fields F"),
                    ParamSpec.integer("width", 16, 1, 4096, "inputs per field"),
                    ParamSpec.choice("prerequisites", "chain", PREREQUISITES, "how fields build on each other"),
                    ParamSpec.range("human", new IntRange(0, 5), "fields covered by human data"),
                    ParamSpec.real("alpha", 0.7, 0.0, 0.99, "amplitude of an ancestor's block per hop"),
                    ParamSpec.real("human_noise", 0.1, 0.0, 100.0, "noise in human labels"),
                    ParamSpec.integer("outputs", 1, 1, 64, "outputs per situation"))),
            new PluginSchema(PluginKind.MODEL, "linear", "a linear map per agent", List.of(
                    ParamSpec.real("init", 0.0, 0.0, 10.0, "standard deviation of the initial weights"))),
            new PluginSchema(PluginKind.PRETRAIN, "humans", "pretraining on human data", List.of(
                    ParamSpec.integer("samples", 20000, 1, 100_000_000, "human examples"),
                    ParamSpec.integer("epochs", 5, 0, 10_000, "passes over them"),
                    ParamSpec.integer("batch", 32, 1, 1_000_000, "examples per gradient step"),
                    ParamSpec.real("lr", 0.02, 0.0, 10.0, "learning rate"))),
            new PluginSchema(PluginKind.LEARNER, "sft", "supervised fine-tuning on selected proposals", List.of(
                    ParamSpec.real("lr", 0.01, 0.0, 10.0, "learning rate"),
                    ParamSpec.real("replay", 0.0, 0.0, 0.95, "share of each batch drawn from human data"),
                    ParamSpec.integer("steps", 1, 1, 1000, "gradient steps per tick"))),
            new PluginSchema(PluginKind.CONFIDENCE, "familiarity", "confidence as familiarity", List.of(
                    ParamSpec.real("half", 100, 1e-9, 1e12, "exposure at which familiarity is 0.5"),
                    ParamSpec.real("mastered", 0.8, 0.0, 1.0, "confidence at which a field counts as mastered"),
                    ParamSpec.real("noise", 0.1, 0.0, 10.0, "noise in reported confidence"))),
            new PluginSchema(PluginKind.JUDGE, "accept_all", "accepts every proposal", List.of()),
            new PluginSchema(PluginKind.JUDGE, "self_confidence", "keeps proposals the agent is confident about", List.of(
                    ParamSpec.real("threshold", 0.5, 0.0, 1.0, "confidence needed"))),
            new PluginSchema(PluginKind.MEASURE, "accuracy", "accuracy against the world", List.of(
                    ParamSpec.choice("fields", "all", ACCURACY_FIELDS, "human | new | all"))),
            new PluginSchema(PluginKind.MEASURE, "frontier", "new fields truly mastered", List.of(
                    ParamSpec.real("mastery", 0.9, 0.0, 1.0, "accuracy at which a field counts as mastered"))),
            new PluginSchema(PluginKind.MEASURE, "believed_frontier", "new fields believed mastered", List.of()),
            new PluginSchema(PluginKind.MEASURE, "drift", "distance of the weights from the pretrained ones", List.of()),
            new PluginSchema(PluginKind.MEASURE, "pretraining_share", "share of human data in training", List.of()),
            new PluginSchema(PluginKind.LEARNER, "rl", "policy gradient on an objective", List.of(
                    new ParamSpec("maximise", new ParamType.ObjectiveRef(), null, "the objective maximised"),
                    ParamSpec.real("lr", 0.001, 0, 10, "step size"),
                    ParamSpec.real("kl", 0, 0, 1e6, "KL penalty"))),
            new PluginSchema(PluginKind.JUDGE, "best_of", "best of n answers by an objective", List.of(
                    ParamSpec.integer("n", 4, 1, 100_000, "answers per situation"),
                    new ParamSpec("by", new ParamType.ObjectiveRef(), null, "the objective"))),
            new PluginSchema(PluginKind.JUDGE, "fixed_judge", "a frozen critic", List.of(
                    ParamSpec.integer("examples", 0, 0, 10_000_000, "the critic's own human examples"),
                    ParamSpec.choice("error", "none", new ParamType.ChoiceType(List.of(ParamType.Option.plain("none"),
                            ParamType.Option.with("gaussian", "s", new ParamType.RealType(0, 100)),
                            ParamType.Option.with("student_t", "df", new ParamType.IntType(1, 100), "s", new ParamType.RealType(0, 100)))),
                            "error of each score"))),
            new PluginSchema(PluginKind.EFFICACY, "constant", "efficacy never fades", List.of(
                    ParamSpec.real("value", 1, 0, 1, "share that takes effect"))),
            new PluginSchema(PluginKind.EFFICACY, "similarity", "efficacy fades with drift", List.of(
                    ParamSpec.real("gamma", 1, 0, 1e6, "rate"))));

    public static final PluginCatalog CATALOG = PluginCatalog.of(SCHEMAS);

    public static PluginCatalog catalog() {
        return CATALOG;
    }

    public static ScenarioCompiler compiler() {
        return new ScenarioCompiler(CATALOG);
    }
}
