package org.sealedbox.plugins.gaussian;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/** Measure {@code variance}: the fitted variance of a gaussian model relative to the real data's (1: right; 0: collapsed); mean over agents. */
public final class Variance implements Measure {
    @Override
    public double measure(PopulationView pop, World world) {
        GaussianModel m = (GaussianModel) pop.effective();
        double real = ((GaussianWorld) world).sd();
        return m.sd().castTo(DataType.DOUBLE).mul(m.sd().castTo(DataType.DOUBLE)).meanNumber().doubleValue() / (real * real);
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "variance",
                "fitted variance of a gaussian model relative to the real data's (collapse shows as it falling to 0)", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Variance();
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            scenario.measures().measures().stream().filter(m -> m.plugin() == self).forEach(m -> {
                PopulationSpec p = scenario.population(m.population()).orElseThrow();
                if (!p.model().name().equals("gaussian")) {
                    d.error("model", self.span(), "`variance` measures a `gaussian` model; `" + p.name() + "` is " + p.model().name(), null);
                }
            });
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("variance").toInstance(new Factory());
        }
    }
}
