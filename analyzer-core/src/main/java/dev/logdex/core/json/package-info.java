/**
 * The JSON form of the analysis's results (recommendations, findings), one mapping shared by the JSON report and
 * the snapshot, so that the two files cannot drift apart.
 */
package dev.logdex.core.json;
