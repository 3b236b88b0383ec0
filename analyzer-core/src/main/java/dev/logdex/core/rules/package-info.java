/** Schema rules: one class per rule, listed in {@link dev.logdex.core.rules.Rules#builtIn()}. */
package dev.logdex.core.rules;
