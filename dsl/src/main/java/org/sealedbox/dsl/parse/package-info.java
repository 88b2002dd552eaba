/**
 * The grammar ({@code Scenario.g4}) and the two classes that touch ANTLR: {@link org.sealedbox.dsl.parse.ScenarioParsing}
 * (text → parse tree, syntax errors as diagnostics) and {@link org.sealedbox.dsl.parse.AstBuilder} (parse tree → AST).
 */
package org.sealedbox.dsl.parse;
