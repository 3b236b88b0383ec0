/** Index recommendation: candidates per query, coverage against existing indexes, merging and ranking. */
package dev.logdex.core.recommend;
