package cn.resettle.gateway;

import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The gateway alone, with the real Keycloak and no service behind it (test routes point at a closed port): it must
 * say so in its health, refuse anonymous callers in problem+json and never invent an answer for a service.
 */
@QuarkusTest
class GatewayTest {

    @Test
    void healthNamesTheServicesThatAreDown() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'backends' }.data.community", startsWith("DOWN"));
    }

    @Test
    void anonymousAndForgedTokensAreRefusedBeforeAnyService() {
        given().get("/api/community/households").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Bearer forged.token.value").get("/api/community/households")
                .then().statusCode(401);
    }

    @Test
    void unknownDomainsAre404AndUnreachableServicesAre503() {
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/nothing/here")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("county.admin")).header("X-Request-Id", "gw-test-1")
                .get("/api/community/households").then().statusCode(503).header("X-Request-Id", equalTo("gw-test-1"))
                .contentType("application/problem+json").body("requestId", equalTo("gw-test-1"));
    }

    @Test
    void corsOnlyForConfiguredOrigins() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET")
                .options("/api/community/households").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"));
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .options("/api/community/households").then().statusCode(403);
    }
}
