/**
 * The abstract syntax tree: sealed interfaces and records built by {@link org.sealedbox.dsl.parse.AstBuilder},
 * the only class that sees ANTLR's parse-tree types. Every node carries its {@link org.sealedbox.dsl.source.Span}.
 */
package org.sealedbox.dsl.ast;
