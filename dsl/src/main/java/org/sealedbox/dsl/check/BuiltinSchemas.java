package org.sealedbox.dsl.check;

import java.util.List;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;

/** Parameters of the language's own statements (not plugins), checked like plugin parameters. */
public final class BuiltinSchemas {
    private BuiltinSchemas() {}

    /** {@code pop proposes N at target [noise s]}. The kind is nominal: proposing is built into the box. */
    public static final PluginSchema PROPOSES = new PluginSchema(PluginKind.JUDGE, "proposes",
            "each agent picks situations at the target and outputs its prediction plus exploration noise",
            List.of(ParamSpec.real("noise", 0.3, 0, Double.POSITIVE_INFINITY,
                    "exploration noise: standard deviation of the noise an agent adds to its own prediction")));
}
