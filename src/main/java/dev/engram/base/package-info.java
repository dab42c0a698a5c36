/** Small shared vocabulary: the exception roots, durations and timestamps. Depends on nothing. */
package dev.engram.base;
