/**
 * Log output: the {@link dev.engram.logging.ComponentLogger} every component writes through, the
 * json, logfmt and text encoders (one event per line, always on stderr) and the process-wide setup.
 * Depends on {@code base} only.
 */
package dev.engram.logging;
