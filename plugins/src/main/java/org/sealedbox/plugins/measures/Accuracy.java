package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code accuracy(human | new | all)}: 1 − MSE/Var of the agents' beliefs, averaged over the chosen
 * fields and over agents. For linear models the MSE is exact over the world's situation distribution (the
 * limit of infinitely many held-out situations), computed in double precision.
 */
public final class Accuracy implements Measure {
    static final ParamType.ChoiceType FIELDS = new ParamType.ChoiceType(List.of(
            ParamType.Option.plain("human"), ParamType.Option.plain("new"), ParamType.Option.plain("all")));

    private final String fields;

    Accuracy(String fields) {
        this.fields = fields;
    }

    /** [F] double: 1 for the fields a measure looks at. */
    static INDArray select(String which, World world) {
        INDArray human = world.humanFields().castTo(DataType.DOUBLE);
        return switch (which) {
            case "human" -> human;
            case "new" -> human.rsub(1.0);
            default -> human.mul(0).addi(1.0);
        };
    }

    @Override
    public double measure(PopulationView pop, World world) {
        INDArray acc = pop.model().fieldErrors(world).accuracy(); // [N, F]
        INDArray mask = select(fields, world);
        double count = mask.sumNumber().doubleValue();
        if (count == 0) return Double.NaN;
        return acc.mmul(mask.reshape(world.fields(), 1)).meanNumber().doubleValue() / count;
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "accuracy",
                "1 − relative MSE of the agents' beliefs on the given fields (1 perfect, 0 = answering 0, < 0 worse)",
                List.of(ParamSpec.choice("fields", "all", FIELDS, "human: the pretraining fields; new: the others; all")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Accuracy(params.choice("fields").name());
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("accuracy").toInstance(new Factory());
        }
    }
}
