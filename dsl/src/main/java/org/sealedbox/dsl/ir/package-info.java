/**
 * The intermediate representation: a validated, fully resolved scenario. This is the only thing
 * the runtime reads; it never sees the AST or the text.
 */
package org.sealedbox.dsl.ir;
