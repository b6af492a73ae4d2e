package cn.resettle.gateway;

import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The cache of verified tokens: a token Keycloak signed is verified once and then recognised (the request still goes
 * on to the service, here a closed port: 503), while a token whose signature was altered is refused with 401 even
 * right after the genuine one was cached.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    VerifiedTokens.Cache cache;

    @Test
    void aVerifiedTokenIsRememberedAndATamperedOneIsStillRefused() {
        String bearer = Tokens.bearer("county.admin");
        String token = bearer.substring("Bearer ".length());
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", bearer).get("/api/community/households").then().statusCode(503);
        }
        assertNotNull(cache.get(token), "the verified token is kept");

        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().header("Authorization", "Bearer " + tampered).get("/api/community/households").then().statusCode(401);
        assertNull(cache.get(tampered), "a token that failed is not kept");
        given().header("Authorization", bearer).get("/api/community/households").then().statusCode(503);
    }
}
