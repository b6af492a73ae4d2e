package cn.resettle.monitoring.command;

import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.testing.TestEvents;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monthly report of an ended month is frozen the first time it is made: a late event does not change it. */
@QuarkusTest
class MonthlyReportTest {

    static final YearMonth LAST = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);

    /** A registry event as if it had happened in the middle of last month (a late arrival). */
    static void registerLastMonth(HouseholdSnapshot h) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEvents.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        EventEnvelope e = new EventEnvelope("1.0", UUID.randomUUID(), "cn.resettle.community.household.registered.v1",
                "/resettle/test", h.id().toString(), LAST.atDay(15).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime(),
                "application/json", TestEvents.JSON.valueToTree(Map.of("household", h)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(Topics.physical(Topics.COMMUNITY), h.id().toString(), TestEvents.JSON.writeValueAsString(e))).get();
        }
    }

    @Test
    void aPastMonthsReportIsFrozenAndTheCurrentOneIsLive() throws Exception {
        String site = CommandIndicatorsTest.site();
        HouseholdSnapshot first = CommandIndicatorsTest.household(site, "FULL", "UNEMPLOYED", 2);
        registerLastMonth(first);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> CommandIndicatorsTest.indicators("county.admin",
                "site=" + site + "&month=" + LAST).body(CommandIndicatorsTest.figure("HOUSEHOLDS") + ".value", equalTo(1)));
        String admin = Tokens.bearer("county.admin");
        var report = given().header("Authorization", admin).get("/api/command/reports/monthly?site=" + site).then().statusCode(200)
                .body("month", equalTo(LAST.toString())).body("frozen", equalTo(true)).body("frozenBy", equalTo("county.admin"))
                .body("indicators.figures.find { it.code == 'HOUSEHOLDS' }.value", equalTo(1)).extract();
        String frozenAt = report.path("frozenAt");

        // a second household of last month arrives late: the projection counts it, the frozen report does not
        registerLastMonth(CommandIndicatorsTest.household(site, "FULL", "UNEMPLOYED", 1));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> CommandIndicatorsTest.indicators("county.admin",
                "site=" + site + "&month=" + LAST).body(CommandIndicatorsTest.figure("HOUSEHOLDS") + ".value", equalTo(2)));
        given().header("Authorization", admin).get("/api/command/reports/monthly?site=" + site + "&month=" + LAST).then()
                .statusCode(200).body("frozenAt", equalTo(frozenAt))
                .body("indicators.figures.find { it.code == 'HOUSEHOLDS' }.value", equalTo(1));
        // this month's report is live and already counts both (stock carried into this month)
        given().header("Authorization", admin).get("/api/command/reports/monthly?site=" + site + "&month="
                        + YearMonth.now(ZoneId.of("Asia/Shanghai"))).then().statusCode(200)
                .body("frozen", equalTo(false)).body("indicators.figures.find { it.code == 'HOUSEHOLDS' }.value", equalTo(2))
                .body("indicators.asOf", notNullValue());

        // the Excel report says the same as the frozen data
        byte[] xlsx = given().header("Authorization", admin).get("/api/command/reports/monthly.xlsx?site=" + site + "&month=" + LAST)
                .then().statusCode(200).header("Content-Disposition", org.hamcrest.Matchers.containsString(".xlsx"))
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertTrue(rows.get(2).getCellText(0).startsWith("已封存"), rows.get(2).getCellText(0));
            Row households = rows.stream().filter(r -> "HOUSEHOLDS".equals(r.getCellText(1))).findFirst().orElseThrow();
            assertEquals("1", households.getCellText(2));
        }
        // the county's report has a row per township; the future is refused; another township's area does not exist
        given().header("Authorization", admin).get("/api/command/reports/monthly?region=360732&month=" + LAST).then()
                .statusCode(200).body("level", equalTo("COUNTY")).body("breakdown.code", org.hamcrest.Matchers.hasItem("360732100"));
        given().header("Authorization", admin).get("/api/command/reports/monthly?month=" + YearMonth.now().plusMonths(3))
                .then().statusCode(400);
        given().header("Authorization", Tokens.bearer("township.b")).get("/api/command/reports/monthly.xlsx?site=" + site)
                .then().statusCode(404);
    }
}
