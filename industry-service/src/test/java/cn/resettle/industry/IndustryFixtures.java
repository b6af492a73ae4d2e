package cn.resettle.industry;

import cn.resettle.common.events.CommunityEvents.SiteSnapshot;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Sites and households as community-service announces them, waited for in industry's registry copy. */
public final class IndustryFixtures {
    public static final String TOWNSHIP_A = "360732100";
    /** 高兴镇, township.b's scope. */
    public static final String TOWNSHIP_B = "360732101";

    private IndustryFixtures() {
    }

    /** A new site in township A (潋江镇), its code unique to this run. */
    public static String site(String name) {
        return site(name, TOWNSHIP_A);
    }

    /** A new site in the given township, its code unique to this run. */
    public static String site(String name, String township) {
        String code = TestIds.code("XG-T");
        UUID id = UUID.randomUUID();
        TestEvents.publish(Topics.COMMUNITY, id, "cn.resettle.community.site.registered.v1",
                Map.of("site", new SiteSnapshot(id, 0, code, name, "360732", township, "URBAN", "ACTIVE")));
        // the copy has no endpoint for sites: wait on industry's own database (the test runs inside the service)
        await().atMost(Duration.ofSeconds(90)).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                ((Number) io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get()
                        .createNativeQuery("select count(*) from registry_site where code = ?1").setParameter(1, code)
                        .getSingleResult()).longValue() > 0));
        return code;
    }

    /** A member: name, employment status (labour capacity FULL). */
    public record M(String name, String employment) {
    }

    /** Registers a household at the site and waits until industry's copy holds it; returns household and person ids. */
    public static Household household(String siteCode, M... members) {
        return household(siteCode, TOWNSHIP_A, members);
    }

    /** A household of the given township at the site (its region code is the township's). */
    public static Household household(String siteCode, String township, M... members) {
        UUID id = UUID.randomUUID();
        List<HouseholdSnapshot.Member> ms = new ArrayList<>();
        int i = 0;
        for (M m : members) {
            String idNo = TestIds.citizenId(1975 + i * 3, 3 + i, 11, i % 2 == 0);
            ms.add(HouseholdSnapshot.Member.of(UUID.randomUUID(), idNo, TestEvents.HASH, m.name(), i % 2 == 0 ? "M" : "F",
                    1975 + i * 3, i == 0 ? "HEAD" : "SPOUSE", "FULL", m.employment(), "HEALTHY", "ACTIVE"));
            i++;
        }
        HouseholdSnapshot h = new HouseholdSnapshot(id, 0, TestIds.code("XG-H"), UUID.randomUUID(), siteCode, township,
                "POVERTY", "CENTRALIZED", null, "兴国县潋江镇", "ACTIVE", ms);
        TestEvents.registerHousehold(h);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("county.admin")).get("/api/industry/registry/households/" + id)
                        .then().statusCode(200));
        return new Household(id, h.householdNo(), ms.stream().map(HouseholdSnapshot.Member::id).toList());
    }

    public record Household(UUID id, String householdNo, List<UUID> people) {
    }
}
