/** Log readers: one class per format behind {@link dev.logdex.readers.LogReader}, and format detection. */
package dev.logdex.readers;
