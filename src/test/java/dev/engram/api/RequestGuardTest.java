package dev.engram.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.api.RequestGuard.Refused;
import dev.engram.api.RequestGuard.Verdict;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guard's decisions as a pure function of the request and of how the server listens. */
class RequestGuardTest {
    private static final String TOKEN = "t".repeat(43);
    private static final RequestGuard.TokenCheck CHECK = TOKEN::equals;
    private static final RequestGuard LOOPBACK = new RequestGuard(Set.of(new Authority("engram.lan", Authority.NO_PORT),
            new Authority("pinned.lan", 8443)), false, CHECK);
    private static final RequestGuard EXPOSED = new RequestGuard(Set.of(), true, CHECK);

    /** A same-origin JSON POST from the user's own process, varied field by field below. */
    private static GuardedRequest post(String host) {
        return new GuardedRequest("POST", "/observations", host, null, null, "application/json", true, null);
    }

    private static GuardedRequest get(String path, String host) {
        return new GuardedRequest("GET", path, host, null, null, null, false, null);
    }

    private static void assertRefused(Verdict v, int status, String code) {
        assertThat(v).isInstanceOf(Refused.class);
        assertThat(((Refused) v).status()).isEqualTo(status);
        assertThat(((Refused) v).code()).isEqualTo(code);
    }

    @Test
    void loopbackHostsWithAnyPortAreAllowed() {
        for (String host : new String[] {"127.0.0.1:7437", "127.0.0.1", "localhost:1", "LOCALHOST:7437", "127.1.2.3:80",
                "[::1]:7437", "[::1]"}) {
            assertThat(LOOPBACK.check(post(host))).as(host).isEqualTo(RequestGuard.ALLOWED);
        }
    }

    @Test
    void foreignMissingAndMalformedHostsAreForbidden() {
        for (String host : new String[] {"rebind.evil.example:7437", "127.evil.example", "127.0.0.1.nip.io:7437",
                "localhost.:7437", "0.0.0.0:7437", "127.0.0.1:7437, evil.example", "127.0.0.1:", "127.0.0.1:99999",
                "[::1", "::1", "", "user@127.0.0.1", "127.0.0.1/x", "127.0.0.1 :7437", "192.168.1.5:7437"}) {
            assertRefused(LOOPBACK.check(post(host)), 403, "forbidden_host");
        }
        assertRefused(LOOPBACK.check(post(null)), 403, "forbidden_host");
    }

    @Test
    void forbiddenHostMessageNamesTheHost() {
        Refused r = (Refused) LOOPBACK.check(get("/search", "rebind.evil.example:7437"));
        assertThat(r.message()).contains("rebind.evil.example:7437");
    }

    @Test
    void configuredHostsAreAllowedOnTheirPortsOnly() {
        assertThat(LOOPBACK.check(post("engram.lan:7437"))).isEqualTo(RequestGuard.ALLOWED);
        assertThat(LOOPBACK.check(post("ENGRAM.LAN"))).isEqualTo(RequestGuard.ALLOWED);
        assertThat(LOOPBACK.check(post("pinned.lan:8443"))).isEqualTo(RequestGuard.ALLOWED);
        assertRefused(LOOPBACK.check(post("pinned.lan:7437")), 403, "forbidden_host");
        assertRefused(LOOPBACK.check(post("sub.engram.lan")), 403, "forbidden_host");
    }

    @Test
    void onlyTheServersOwnOriginMaySendRequests() {
        GuardedRequest own = new GuardedRequest("POST", "/observations", "127.0.0.1:7437", "http://127.0.0.1:7437", "same-origin",
                "application/json", true, null);
        assertThat(LOOPBACK.check(own)).isEqualTo(RequestGuard.ALLOWED);
        for (String origin : new String[] {"http://evil.example:7437", "http://127.0.0.1:7438", "http://localhost:7437",
                "https://127.0.0.1:7437", "null", "", "http://127.0.0.1:7437/x", "http://127.0.0.1", "file://",
                "http://127.0.0.1:7437, http://evil.example"}) {
            GuardedRequest r = new GuardedRequest("POST", "/observations", "127.0.0.1:7437", origin, null, "application/json", true, null);
            assertRefused(LOOPBACK.check(r), 403, "cross_origin");
        }
        // Port 80 may be written or left out, on either side.
        assertThat(LOOPBACK.check(new GuardedRequest("GET", "/search", "localhost", "http://localhost:80", null, null, false, null)))
                .isEqualTo(RequestGuard.ALLOWED);
    }

    @Test
    void crossSiteAndSameSiteFetchesWithoutAMatchingOriginAreRefused() {
        for (String site : new String[] {"cross-site", "same-site", "CROSS-SITE", "something-new"}) {
            assertRefused(LOOPBACK.check(new GuardedRequest("GET", "/search", "127.0.0.1:7437", null, site, null, false, null)),
                    403, "cross_origin");
        }
        for (String site : new String[] {"same-origin", "none"}) {
            assertThat(LOOPBACK.check(new GuardedRequest("GET", "/search", "127.0.0.1:7437", null, site, null, false, null)))
                    .isEqualTo(RequestGuard.ALLOWED);
        }
        assertThat(LOOPBACK.check(new GuardedRequest("GET", "/search", "127.0.0.1:7437", "http://127.0.0.1:7437", "same-site",
                null, false, null))).isEqualTo(RequestGuard.ALLOWED);
    }

    @Test
    void bodiesThatAreNotJsonAreUnsupported() {
        for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1", "application/jsonx", "application/json, text/plain"}) {
            assertRefused(LOOPBACK.check(new GuardedRequest("POST", "/observations", "127.0.0.1", null, null, type, true, null)),
                    415, "unsupported_media_type");
        }
        for (String method : new String[] {"POST", "PUT", "PATCH"}) {
            // A body without any Content-Type (a browser's untyped Blob) is refused too.
            assertRefused(LOOPBACK.check(new GuardedRequest(method, "/observations/1", "127.0.0.1", null, null, null, true, null)),
                    415, "unsupported_media_type");
        }
        // A form with no fields still says what it is.
        assertRefused(LOOPBACK.check(new GuardedRequest("POST", "/sessions/s/end", "127.0.0.1", null, null,
                "application/x-www-form-urlencoded", false, null)), 415, "unsupported_media_type");
    }

    @Test
    void jsonBodiesAndEmptyUntypedPostsAreFine() {
        for (String type : new String[] {"application/json", "Application/JSON", "application/json; charset=utf-8",
                "application/json;charset=\"UTF-8\""}) {
            assertThat(LOOPBACK.check(new GuardedRequest("PATCH", "/observations/1", "127.0.0.1", null, null, type, true, null)))
                    .as(type).isEqualTo(RequestGuard.ALLOWED);
        }
        assertThat(LOOPBACK.check(new GuardedRequest("POST", "/sessions/s/end", "127.0.0.1", null, null, null, false, null)))
                .isEqualTo(RequestGuard.ALLOWED);
        assertThat(LOOPBACK.check(new GuardedRequest("DELETE", "/observations/1", "127.0.0.1", null, null, null, false, null)))
                .isEqualTo(RequestGuard.ALLOWED);
    }

    @Test
    void onLoopbackTheTokenIsAcceptedButNotRequiredAndAWrongOneIsRefused() {
        assertThat(LOOPBACK.check(post("127.0.0.1"))).isEqualTo(RequestGuard.ALLOWED);
        assertThat(LOOPBACK.check(withAuthorization(post("127.0.0.1"), "Bearer " + TOKEN))).isEqualTo(RequestGuard.ALLOWED);
        assertRefused(LOOPBACK.check(withAuthorization(post("127.0.0.1"), "Bearer wrong")), 401, "unauthorized");
        assertRefused(LOOPBACK.check(withAuthorization(post("127.0.0.1"), "Basic dXNlcjpwYXNz")), 401, "unauthorized");
    }

    @Test
    void boundBeyondLoopbackEverythingButTheHealthCheckNeedsTheToken() {
        assertThat(EXPOSED.check(get("/health", "127.0.0.1:7437"))).isEqualTo(RequestGuard.ALLOWED);
        assertRefused(EXPOSED.check(get("/search", "127.0.0.1:7437")), 401, "unauthorized");
        assertRefused(EXPOSED.check(get("/metrics", "127.0.0.1:7437")), 401, "unauthorized");
        assertRefused(EXPOSED.check(post("127.0.0.1:7437")), 401, "unauthorized");
        assertRefused(EXPOSED.check(new GuardedRequest("HEAD", "/health", "127.0.0.1", null, null, null, false, null)), 401, "unauthorized");
        assertRefused(EXPOSED.check(withAuthorization(get("/search", "127.0.0.1"), "Bearer " + TOKEN + "x")), 401, "unauthorized");
        assertRefused(EXPOSED.check(withAuthorization(get("/search", "127.0.0.1"), "Bearer")), 401, "unauthorized");
        assertThat(EXPOSED.check(withAuthorization(get("/search", "127.0.0.1"), "bearer  " + TOKEN))).isEqualTo(RequestGuard.ALLOWED);
        assertThat(EXPOSED.check(withAuthorization(post("127.0.0.1"), "Bearer " + TOKEN))).isEqualTo(RequestGuard.ALLOWED);
        // The token does not open the door to other hosts or origins.
        assertRefused(EXPOSED.check(withAuthorization(get("/search", "evil.example"), "Bearer " + TOKEN)), 403, "forbidden_host");
    }

    @Test
    void refusalMessagesNeverCarryThePresentedToken() {
        Refused r = (Refused) EXPOSED.check(withAuthorization(get("/search", "127.0.0.1"), "Bearer secret-" + TOKEN));
        assertThat(r.message()).doesNotContain("secret");
    }

    private static GuardedRequest withAuthorization(GuardedRequest r, String authorization) {
        return new GuardedRequest(r.method(), r.path(), r.host(), r.origin(), r.fetchSite(), r.contentType(), r.hasBody(), authorization);
    }

    private static GuardedRequest form(String path, String origin, String fetchSite) {
        return new GuardedRequest("POST", path, "127.0.0.1:7437", origin, fetchSite, "application/x-www-form-urlencoded", true, null);
    }

    @Test
    void theWebUisOwnFormPostsAreAllowed() {
        assertThat(LOOPBACK.check(form("/ui/observations/1", "http://127.0.0.1:7437", "same-origin"))).isEqualTo(RequestGuard.ALLOWED);
        // Browsers that do not send Sec-Fetch-Site still send Origin with every POST.
        assertThat(LOOPBACK.check(form("/ui/observations/1/delete", "http://127.0.0.1:7437", null))).isEqualTo(RequestGuard.ALLOWED);
        GuardedRequest charset = new GuardedRequest("POST", "/ui/sync/outbound/3/retry", "127.0.0.1:7437", "http://127.0.0.1:7437",
                "same-origin", "application/x-www-form-urlencoded; charset=UTF-8", true, null);
        assertThat(LOOPBACK.check(charset)).isEqualTo(RequestGuard.ALLOWED);
    }

    @Test
    void formPostsFromAnywhereElseAreRefused() {
        // Another site's form: its Origin (or "null") fails the origin check first.
        assertRefused(LOOPBACK.check(form("/ui/observations/1", "http://evil.example", "cross-site")), 403, "cross_origin");
        assertRefused(LOOPBACK.check(form("/ui/observations/1", "null", "cross-site")), 403, "cross_origin");
        assertRefused(LOOPBACK.check(form("/ui/observations/1", "http://127.0.0.1:7438", "same-site")), 403, "cross_origin");
        // No Origin: not a browser form, so it is no exception to the JSON rule.
        assertRefused(LOOPBACK.check(form("/ui/observations/1", null, null)), 403, "cross_origin");
        // The own origin, but the browser says the request came from elsewhere (a redirect through another site).
        assertRefused(LOOPBACK.check(form("/ui/observations/1", "http://127.0.0.1:7437", "cross-site")), 403, "cross_origin");
    }

    @Test
    void formBodiesStayRefusedOnTheApiAndOtherMediaTypesOnTheUi() {
        assertRefused(LOOPBACK.check(form("/observations", "http://127.0.0.1:7437", "same-origin")), 415, "unsupported_media_type");
        assertRefused(LOOPBACK.check(form("/uix/observations", "http://127.0.0.1:7437", "same-origin")), 415, "unsupported_media_type");
        for (String type : new String[] {"text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencodedx"}) {
            GuardedRequest r = new GuardedRequest("POST", "/ui/observations/1", "127.0.0.1:7437", "http://127.0.0.1:7437",
                    "same-origin", type, true, null);
            assertRefused(LOOPBACK.check(r), 415, "unsupported_media_type");
        }
        GuardedRequest patch = new GuardedRequest("PATCH", "/ui/observations/1", "127.0.0.1:7437", "http://127.0.0.1:7437",
                "same-origin", "application/x-www-form-urlencoded", true, null);
        assertRefused(LOOPBACK.check(patch), 415, "unsupported_media_type");
    }

    @Test
    void beyondLoopbackTheWebUisFormsNeedTheTokenToo() {
        assertRefused(EXPOSED.check(form("/ui/observations/1", "http://127.0.0.1:7437", "same-origin")), 401, "unauthorized");
    }

    @Test
    void theMcpGuardRequiresTheTokenEvenOnLoopback() {
        RequestGuard mcp = LOOPBACK.requiringToken();
        GuardedRequest none = new GuardedRequest("POST", "/mcp", "127.0.0.1:7437", null, null, "application/json", true, null);
        assertRefused(mcp.check(none), 401, "unauthorized");
        GuardedRequest wrong = new GuardedRequest("POST", "/mcp", "127.0.0.1:7437", null, null, "application/json", true, "Bearer nope");
        assertRefused(mcp.check(wrong), 401, "unauthorized");
        GuardedRequest right = new GuardedRequest("POST", "/mcp", "127.0.0.1:7437", null, null, "application/json", true,
                "Bearer " + TOKEN);
        assertThat(mcp.check(right)).isEqualTo(RequestGuard.ALLOWED);
        GuardedRequest rebound = new GuardedRequest("POST", "/mcp", "rebind.evil.example:7437", null, null, "application/json", true,
                "Bearer " + TOKEN);
        assertRefused(mcp.check(rebound), 403, "forbidden_host");
    }
}
