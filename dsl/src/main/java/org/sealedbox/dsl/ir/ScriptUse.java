package org.sealedbox.dsl.ir;

import java.nio.file.Path;
import org.sealedbox.dsl.source.Span;

/**
 * A plugin script a scenario names with {@code use "x.groovy"}, in its own file or in one it extends.
 *
 * @param path the script, resolved against the folder of the file that names it
 * @param span where it is named (for diagnostics)
 */
public record ScriptUse(Path path, Span span) {}
