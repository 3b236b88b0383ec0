/** Migration files: changes with their undo, written for Flyway, Liquibase or as plain up/down scripts. */
package dev.logdex.core.migration;
