package cn.resettle.employment.jobs;

import cn.resettle.common.events.CommunityEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.restassured.http.ContentType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Sites, employers and postings for the employment tests, through the API (sites as community announces them). */
public final class Fixtures {
    public static final String SITE_A = "XG-LJ-001";
    public static final String SITE_B = "XG-CG-001";
    public static final String TOWNSHIP_A = "360732100";
    public static final String TOWNSHIP_B = "360732101";

    private Fixtures() {
    }

    /** The two test sites in the registry copy (community's site events; fixed ids, so announcing again is harmless). */
    public static void sites() {
        for (String[] s : List.of(new String[]{SITE_A, "潋江安置点", TOWNSHIP_A}, new String[]{SITE_B, "长冈安置点", TOWNSHIP_B})) {
            UUID id = UUID.nameUUIDFromBytes(s[0].getBytes(StandardCharsets.UTF_8));
            TestEvents.publish(Topics.COMMUNITY, id, "cn.resettle.community.site.registered.v1",
                    Map.of("site", new CommunityEvents.SiteSnapshot(id, System.currentTimeMillis(), s[0], s[1], "360732", s[2], "URBAN", "ACTIVE")));
        }
    }

    public static String employer(String token, String name, String kind, String region) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("name", name + TestIds.code(""), "kind", kind, "regionCode", region, "address", "兴国县潋江镇工业园"))
                .post("/api/employment/employers").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> posting(String employerId, String title, String occupation, String region, int openings,
                                              boolean weak, boolean home, List<String> sites) {
        Map<String, Object> b = new HashMap<>();
        b.put("employerId", employerId);
        b.put("title", title);
        b.put("occupation", occupation);
        b.put("requiredSkills", List.of());
        b.put("regionCode", region);
        b.put("workplace", "兴国县" + title);
        b.put("wageMin", 2800);
        b.put("wageMax", 4500);
        b.put("openings", openings);
        b.put("suitableForWeak", weak);
        b.put("homeBased", home);
        b.put("validFrom", LocalDate.now().toString());
        b.put("validUntil", LocalDate.now().plusMonths(2).toString());
        b.put("siteCodes", sites);
        return b;
    }

    /** Creates the posting, waiting until the sites it names are in the registry copy. */
    public static String create(String token, Map<String, Object> posting) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            var r = given().header("Authorization", token).contentType(ContentType.JSON).body(posting).post("/api/employment/postings");
            if (r.statusCode() == 201) {
                id[0] = r.path("id");
                return true;
            }
            if (r.statusCode() != 422 || !String.valueOf(r.<String>path("type")).endsWith("unknown-site")) {
                throw new AssertionError("posting refused: " + r.statusCode() + " " + r.asString());
            }
            return false;
        });
        return id[0];
    }

    public static String bearer(String user) {
        return Tokens.bearer(user);
    }
}
