/** Dialect-specific SQL writing: identifier quoting, index DDL and index names. */
package dev.logdex.core.dialect;
