/**
 * The neutral form of a statement that both parsers (Calcite, JSqlParser) translate into, so usage extraction is
 * written once.
 */
package dev.logdex.core.sql.tree;
