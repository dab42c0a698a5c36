/**
 * Client-side configuration of replication: {@code cloud.json} and the environment that overrides it.
 * Depends on {@code base} only.
 */
package dev.engram.config;
