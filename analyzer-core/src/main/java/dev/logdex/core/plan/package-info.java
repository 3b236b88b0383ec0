/** Plans from a live database, without running the statements. */
package dev.logdex.core.plan;
