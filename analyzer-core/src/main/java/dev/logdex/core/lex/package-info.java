/**
 * SQL text as each database's lexer reads it: tokens, quotes, comments, dollar quotes and parameters
 * ({@link dev.logdex.core.lex.SqlScanner}), and the gate that lets only one checked statement from a log reach a
 * database ({@link dev.logdex.core.lex.SingleStatement}). Depends on the model alone, so that every package that
 * reads SQL text can use it.
 */
package dev.logdex.core.lex;
