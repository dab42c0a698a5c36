package dev.engram.api;

/**
 * What the request guard looks at, taken from one HTTP request: the method, the path, and the raw
 * values of a few headers ({@code null} when absent; a header sent twice arrives joined with
 * {@code ", "}, which no check accepts). {@code hasBody}: a {@code Content-Length} above zero, or a
 * {@code Transfer-Encoding}.
 */
record GuardedRequest(String method, String path, String host, String origin, String fetchSite,
                      String contentType, boolean hasBody, String authorization) {
}
