/**
 * The local HTTP API of {@code engram serve} (contract section 4): Javalin 7 on Jetty, bound to
 * 127.0.0.1 by default, JSON in and out with the wire names of {@link dev.engram.view.Views}, errors
 * as {@code {"error","code"}} (see {@link dev.engram.api.ApiErrors}), Prometheus metrics at
 * {@code /metrics}. Every request first meets the {@link dev.engram.api.RequestGuard} (loopback or
 * allowed Host, no foreign Origin, JSON bodies only, the {@code serve-token} when bound beyond
 * loopback) so that web pages in the user's browser cannot reach it. Handlers run on a small pool of
 * platform threads because every store call is a JNI call into SQLite. The composition root may add
 * routes ({@code withRoutes}: the web UI, whose same-origin form posts to {@code /ui/} the guard lets
 * through) and servlets that need the token even on loopback ({@code withTokenServlet}: MCP at
 * {@code /mcp}, guarded by {@link dev.engram.api.ServletGuard}); the API does not know what they are. Depends on {@code memory},
 * {@code view}, {@code base} and {@code logging}.
 */
package dev.engram.api;
