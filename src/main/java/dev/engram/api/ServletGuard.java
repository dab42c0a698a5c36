package dev.engram.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * The request guard in front of a servlet that Javalin does not route (MCP at {@code /mcp}): the same
 * checks as every API route, with its own {@link RequestGuard} (which, for MCP, requires the token even
 * on loopback). A refusal is answered here in the API's error shape and never reaches the servlet.
 */
final class ServletGuard implements Filter {
    private final RequestGuard guard;

    ServletGuard(RequestGuard guard) {
        this.guard = guard;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        long length = req.getContentLengthLong();
        GuardedRequest guarded = new GuardedRequest(req.getMethod(), req.getRequestURI(), header(req, "Host"), header(req, "Origin"),
                header(req, "Sec-Fetch-Site"), header(req, "Content-Type"),
                length > 0 || header(req, "Transfer-Encoding") != null, header(req, "Authorization"));
        if (guard.check(guarded) instanceof RequestGuard.Refused refused) {
            if (refused.status() == 401) {
                res.setHeader("WWW-Authenticate", "Bearer realm=\"engram\"");
            }
            byte[] body = Json.MAPPER.writeValueAsBytes(ApiErrors.body(refused.message(), refused.code()));
            res.setStatus(refused.status());
            res.setContentType(Json.CONTENT_TYPE);
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String header(HttpServletRequest req, String name) {
        List<String> values = Collections.list(req.getHeaders(name));
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
