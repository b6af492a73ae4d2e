package cn.resettle.employment.workshop;

import cn.resettle.common.events.IndustryEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.employment.jobs.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static cn.resettle.common.testing.Tokens.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class WorkshopEmployerTest {

    static IndustryEvents.WorkshopRegistered workshop(UUID id, String name) {
        return new IndustryEvents.WorkshopRegistered(id, name, "XG-LJ-001", "360732100", "兴国县锦绣服饰有限公司",
                "服装加工", 40, LocalDate.of(2024, 3, 1));
    }

    @Test
    void aRegisteredWorkshopIsAnEmployerOnceAndAPostingNamesIt() {
        String emp = bearer("emp.officer");
        UUID workshop = UUID.randomUUID();
        UUID event = TestEvents.publish(Topics.INDUSTRY, workshop, IndustryEvents.WORKSHOP_REGISTERED,
                workshop(workshop, "潋江镇锦绣服饰帮扶车间"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", emp)
                .get("/api/employment/employers/" + workshop).then().statusCode(200)
                .body("kind", equalTo("WORKSHOP")).body("name", equalTo("潋江镇锦绣服饰帮扶车间")));

        // the same event delivered again is applied once: a later event on the same key shows it was read
        TestEvents.publish(Topics.INDUSTRY, workshop, event, IndustryEvents.WORKSHOP_REGISTERED, workshop(workshop, "重投递的名称"));
        UUID next = UUID.randomUUID();
        TestEvents.publish(Topics.INDUSTRY, workshop, IndustryEvents.WORKSHOP_REGISTERED, workshop(next, "潋江镇竹编帮扶车间"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().header("Authorization", emp)
                .get("/api/employment/employers/" + next).then().statusCode(200));
        given().header("Authorization", emp).get("/api/employment/employers/" + workshop).then()
                .body("name", equalTo("潋江镇锦绣服饰帮扶车间"));

        // a posting names the workshop as its employer by the workshop's id
        String posting = Fixtures.create(emp, Fixtures.posting(workshop.toString(), "缝纫工", "SEWING", "360732100", 5,
                true, false, List.of()));
        given().header("Authorization", emp).get("/api/employment/postings/" + posting).then().statusCode(200)
                .body("employerId", equalTo(workshop.toString())).body("employerName", equalTo("潋江镇锦绣服饰帮扶车间"))
                .body("employerKind", equalTo("WORKSHOP"));
    }
}
