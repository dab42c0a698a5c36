/**
 * Small shared vocabulary: the exception roots, durations, timestamps, loopback names and private
 * (owner-only) files. Depends on nothing else of Engram (SLF4J only, for the permission-tightening event).
 */
package dev.engram.base;
