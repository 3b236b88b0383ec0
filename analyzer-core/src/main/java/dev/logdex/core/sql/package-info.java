/**
 * Statement analysis: parsing (Calcite Babel, then JSqlParser), translation into the neutral form, scope resolution
 * and column-usage extraction, cached by fingerprint.
 */
package dev.logdex.core.sql;
