package cn.resettle.employment.requests;

import cn.resettle.common.events.CommunityEvents.ServiceRequestFiled;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import cn.resettle.employment.tasks.EmploymentRouting.Member;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A one-stop request for work filed in community becomes one job-matching task here, however often it is delivered. */
@QuarkusTest
class JobsRequestTest {

    static final String SITE = "XG-LJ-001";
    static final String REGION = "360732100";
    static final String TYPE = "cn.resettle.community.service-request.filed.v1";

    static UUID file(HouseholdSnapshot h, UUID eventId, UUID requestId, String requestNo, String category) {
        OffsetDateTime now = OffsetDateTime.now();
        return TestEvents.publish(Topics.COMMUNITY, h.id(), eventId, TYPE, new ServiceRequestFiled(requestId, requestNo, h.id(),
                h.householdNo(), REGION, SITE, category, "县人社局", "SITE", now.plusDays(2), now));
    }

    @Test
    void aJobsRequestBecomesOneJobMatchingTaskNamingWhoSeeksWork() {
        Map<String, String> members = new LinkedHashMap<>();
        members.put(TestIds.citizenId(1986, 3, 9, true), "FULL");
        members.put(TestIds.citizenId(1944, 8, 1, false), "NONE");
        UUID id = UUID.randomUUID();
        HouseholdSnapshot h = TestEvents.household(id, TestIds.code("REQ"), SITE, REGION, members);
        TestEvents.registerHousehold(h);
        String emp = Tokens.bearer("emp.officer");
        UUID request = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        file(h, event, request, "SQ20261126000101", "JOBS");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + request).then().statusCode(200)
                        .body("total", equalTo(1)).body("items[0].kind", equalTo("JOB_MATCHING"))
                        .body("items[0].status", equalTo("OPEN"))
                        .body("items[0].title", containsString("SQ20261126000101"))
                        .body("items[0].targetPeople", containsString("成员")));
        // the same event again (its id redelivered with another request in it: applied again, it would open a second
        // task), the same request announced by another event, and a medical request: nothing more
        UUID redelivered = UUID.randomUUID();
        file(h, event, redelivered, "SQ20261126000104", "JOBS");
        file(h, UUID.randomUUID(), request, "SQ20261126000101", "JOBS");
        UUID medical = UUID.randomUUID();
        file(h, UUID.randomUUID(), medical, "SQ20261126000102", "MEDICAL");
        // a marker on the same key (same partition, consumed after them) shows they were all read
        UUID marker = UUID.randomUUID();
        file(h, UUID.randomUUID(), marker, "SQ20261126000103", "JOBS");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + marker).then().body("total", equalTo(1)));
        given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + request).then().body("total", equalTo(1));
        given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + medical).then().body("total", equalTo(0));
        given().header("Authorization", emp).get("/api/employment/tasks?riskId=" + redelivered).then().body("total", equalTo(0));
        // announced to monitoring through the task contract like any task
        TestEvents.awaitEvent(Topics.EMPLOYMENT, e -> e.path("type").asText().equals("cn.resettle.task.created.v1")
                && e.path("data").path("riskId").asText().equals(request.toString()));
    }

    @Test
    void thePlanNamesSeekersFirstThenAnyoneAbleToWork() {
        Member seeker = new Member(UUID.randomUUID(), "刘春", "FULL", "UNEMPLOYED", "ACTIVE");
        Member worker = new Member(UUID.randomUUID(), "刘夏", "FULL", "EMPLOYED_LOCAL", "ACTIVE");
        Member elder = new Member(UUID.randomUUID(), "刘冬", "NONE", "NOT_APPLICABLE", "ACTIVE");
        assertEquals("刘春", JobsRequestListener.plan("SQ1", List.of(seeker, worker, elder), 15).targetPeople());
        assertEquals("刘夏", JobsRequestListener.plan("SQ1", List.of(worker, elder), 15).targetPeople());
        assertNull(JobsRequestListener.plan("SQ1", List.of(elder), 15).targetPeople());
        assertEquals(15, JobsRequestListener.plan("SQ1", List.of(), 15).deadlineDays());
    }
}
