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
    /** {@code human | new | all | lo..hi}: which fields a measure looks at. */
    static final ParamType FIELDS = new ParamType.UnionType(List.of(new ParamType.ChoiceType(List.of(
            ParamType.Option.plain("human"), ParamType.Option.plain("new"), ParamType.Option.plain("all"))),
            new ParamType.RangeType()));

    static ParamSpec fieldsParam(String def, String doc) {
        return new ParamSpec("fields", FIELDS, new Choice(def), doc);
    }

    private final Object fields;

    Accuracy(Object fields) {
        this.fields = fields;
    }

    /** [F] double: 1 for the fields a measure looks at ({@link Choice} human | new | all, or an {@link IntRange}). */
    static INDArray select(Object which, World world) {
        INDArray human = world.humanFields().castTo(DataType.DOUBLE);
        if (which instanceof IntRange r) {
            INDArray m = human.mul(0);
            for (long f = Math.max(0, r.lo()); f <= Math.min(r.hi(), world.fields() - 1); f++) m.putScalar(f, 1.0);
            return m;
        }
        return switch (((Choice) which).name()) {
            case "human" -> human;
            case "new" -> human.rsub(1.0);
            default -> human.mul(0).addi(1.0);
        };
    }

    static INDArray select(String which, World world) {
        return select(new Choice(which), world);
    }

    @Override
    public double measure(PopulationView pop, World world) {
        INDArray acc = pop.effective().fieldErrors(world).accuracy(); // [N, F]
        INDArray mask = select(fields, world);
        double count = mask.sumNumber().doubleValue();
        if (count == 0) return Double.NaN;
        return acc.mmul(mask.reshape(world.fields(), 1)).meanNumber().doubleValue() / count;
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "accuracy",
                "1 − relative MSE of the agents' beliefs on the given fields (1 perfect, 0 = answering 0, < 0 worse)",
                List.of(fieldsParam("all", "human: the pretraining fields; new: the others; all; or a range lo..hi")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Accuracy(params.values().get("fields"));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("accuracy").toInstance(new Factory());
        }
    }
}
