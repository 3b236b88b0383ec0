/** The analysis stage that turns a workload and a schema into a report. */
package dev.logdex.core.analysis;
