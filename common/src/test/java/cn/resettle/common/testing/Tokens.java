package cn.resettle.common.testing;

import io.restassured.RestAssured;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real access tokens from the real Keycloak started by deploy/local/test.sh (realm deploy/keycloak/resettle-realm.json).
 * Users: county.admin, emp.officer, ind.officer, civil.officer, township.a, township.b, worker.a1 (site XG-LJ-001),
 * worker.b1 (site XG-CG-001), resident.a1, auditor.a (the audit trail only). Client credentials: gov-exchange.
 */
public final class Tokens {
    public static final String KEYCLOAK = System.getProperty("keycloak.url",
            System.getenv().getOrDefault("KEYCLOAK_URL", "http://localhost:" + System.getenv().getOrDefault("KEYCLOAK_PORT", "8180")));
    public static final String PASSWORD = "Passw0rd!";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String of(String username) {
        return CACHE.computeIfAbsent(username, u -> RestAssured.given()
                .formParam("grant_type", "password").formParam("client_id", "resettle-web")
                .formParam("username", u).formParam("password", PASSWORD)
                .post(KEYCLOAK + "/realms/resettle/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token"));
    }

    public static String bearer(String username) {
        return "Bearer " + of(username);
    }

    public static String system() {
        return CACHE.computeIfAbsent("#gov-exchange", u -> RestAssured.given()
                .formParam("grant_type", "client_credentials").formParam("client_id", "gov-exchange")
                .formParam("client_secret", "gov-exchange-local-secret")
                .post(KEYCLOAK + "/realms/resettle/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token"));
    }
}
