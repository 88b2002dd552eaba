/** Scenario text and positions in it; every AST node and diagnostic points back here. */
package org.sealedbox.dsl.source;
