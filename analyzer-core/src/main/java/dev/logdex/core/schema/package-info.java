/** The schema catalog (tables, columns, indexes, keys) and the loaders that build it. */
package dev.logdex.core.schema;
