/** The workload aggregate: per query class calls, time and profile; mergeable. */
package dev.logdex.core.workload;
