package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measures of what judges accepted from a population since the previous measurement, mean per accepted proposal:
 * {@code gold} (the world's worth of it), {@code proxy} (the selecting judge's score, shortcuts included) and
 * {@code goodhart_gap} (proxy − gold). NaN in a window where nothing was accepted.
 */
public final class AcceptedOutcome implements Measure {
    private final String what;

    AcceptedOutcome(String what) {
        this.what = what;
    }

    @Override
    public double measure(PopulationView pop, World world) {
        PopulationView.Accepted a = pop.accepted();
        if (a.count() == 0) return Double.NaN;
        switch (what) {
            case "gold": return a.gold() / a.count();
            case "proxy": return a.proxy() / a.count();
            default: return (a.proxy() - a.gold()) / a.count();
        }
    }

    @Override
    public boolean readsAccepted() {
        return true;
    }

    public static final class Factory implements MeasureFactory {
        private final PluginSchema schema;

        Factory(String name, String doc) {
            schema = new PluginSchema(PluginKind.MEASURE, name, doc, List.of());
        }

        @Override public PluginSchema schema() { return schema; }

        @Override
        public Measure create(ParamValues params) {
            return new AcceptedOutcome(schema.name());
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("gold").toInstance(new Factory("gold",
                    "the world's worth of what judges accepted since the last measurement (answer quality, minus harm of shortcuts)"));
            Plugins.measures(binder()).addBinding("proxy").toInstance(new Factory("proxy",
                    "the selecting judge's score of what it accepted since the last measurement (shortcuts' bonus included)"));
            Plugins.measures(binder()).addBinding("goodhart_gap").toInstance(new Factory("goodhart_gap",
                    "proxy minus gold of what judges accepted since the last measurement"));
        }
    }
}
