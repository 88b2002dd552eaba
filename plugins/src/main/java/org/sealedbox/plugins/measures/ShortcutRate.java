package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code shortcut_rate(observed | unobserved)}: the probability that an agent takes the shortcut on a temptation
 * when it is watched (or not), read exactly from its policy; mean over agents. Measure {@code character}: 1 − that
 * rate where shortcuts pay and no one watches (unobserved), the behaviour that distinguishes "it is bad to lie" from
 * "it is bad to get caught lying".
 */
public final class ShortcutRate implements Measure {
    private final boolean observed, character;

    ShortcutRate(boolean observed, boolean character) {
        this.observed = observed;
        this.character = character;
    }

    @Override
    public double measure(PopulationView pop, World world) {
        if (pop.policy() == null) return Double.NaN;
        double rate = pop.policy().stateProbability(observed).meanNumber().doubleValue();
        return character ? 1 - rate : rate;
    }

    /** Measures of behaviour on temptations need a world that offers them. */
    static void needsTemptations(ScenarioModel scenario, PluginUse self, Diagnostics d) {
        var world = scenario.world().params().values();
        if (world.containsKey("temptations") && ((Number) world.get("temptations")).doubleValue() == 0) {
            d.error("temptations", self.span(), "`" + self.name() + "` looks at temptations, and this world offers none",
                    "give the world a share of tempting proposals, e.g. `temptations 0.5`");
        }
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "shortcut_rate",
                "probability of taking the shortcut on a temptation when observed (or unobserved), mean over agents",
                List.of(ParamSpec.choice("when", "unobserved", new ParamType.ChoiceType(List.of(
                                ParamType.Option.plain("observed"), ParamType.Option.plain("unobserved"))),
                        "whether the act is watched")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new ShortcutRate(params.choice("when").name().equals("observed"), false);
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            needsTemptations(scenario, self, d);
        }
    }

    public static final class CharacterFactory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "character",
                "1 − the shortcut rate where shortcuts pay and no one watches, mean over agents", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new ShortcutRate(false, true);
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            needsTemptations(scenario, self, d);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("shortcut_rate").toInstance(new Factory());
            Plugins.measures(binder()).addBinding("character").toInstance(new CharacterFactory());
        }
    }
}
