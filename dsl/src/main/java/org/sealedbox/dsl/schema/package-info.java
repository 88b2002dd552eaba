/**
 * What plugins declare (kind, name, parameters with type, default, range and doc) and what the
 * validator resolves parameters to. Plain Java: the DSL checks parameters without loading any plugin code.
 */
package org.sealedbox.dsl.schema;
