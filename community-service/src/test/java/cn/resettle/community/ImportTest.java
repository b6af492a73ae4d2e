package cn.resettle.community;

import cn.resettle.common.testing.TestIds;
import cn.resettle.common.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Bulk import: good rows in, bad rows reported by row number, a second import creates nothing. */
@QuarkusTest
class ImportTest {

    static final String HEADER = "户编号,安置点编码,乡镇代码,搬迁类型,安置方式,住房类型,迁出地,入住日期,与户主关系,姓名,身份证号,文化程度,健康状况,劳动能力,就业状况,技能,务工地点,联系电话";

    void ensureSite() {
        var codes = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/sites?size=200").then().statusCode(200).extract().jsonPath().getList("items.code", String.class);
        if (!codes.contains("XG-LJ-001")) {
            given().header("Authorization", Tokens.bearer("county.admin")).contentType(ContentType.JSON)
                    .body(Map.of("code", "XG-LJ-001", "name", "潋江安置点", "countyCode", "360732",
                            "townshipCode", "360732100", "areaType", "URBAN"))
                    .post("/api/community/sites").then().statusCode(201);
        }
    }

    @Test
    void csvImportReportsBadRowsAndIsIdempotent() {
        ensureSite();
        String h1 = TestIds.code("IMP");
        String h2 = TestIds.code("IMP");
        String h3 = TestIds.code("IMP");
        String a = TestIds.citizenId(1980, 1, 1, true);
        String b = TestIds.citizenId(1981, 2, 2, false);
        String c = TestIds.citizenId(2010, 3, 3, true);
        String d = TestIds.citizenId(1970, 4, 4, true);
        String bad = TestIds.withWrongCheckDigit(TestIds.citizenId(1990, 5, 5, true));
        String csv = HEADER + "\r\n"
                + h1 + ",XG-LJ-001,,脱贫搬迁户,集中安置,套房,\"兴国县高兴镇,老屋村\",2019-12-01,户主,张三," + a + ",初中,健康,普通劳动力,县内务工,电工,县工业园,13800001111\r\n"
                + h1 + ",XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01,配偶,李四," + b + ",小学,长期慢性病,弱劳动力或半劳动力,务农,,,\r\n"
                + h1 + ",XG-LJ-001,,脱贫搬迁户,集中安置,套房,,2019-12-01,子女,张小," + c + ",小学,健康,无劳动力,在校学生,,,\r\n"
                + h2 + ",,360732101,同步搬迁户,分散安置,一户一宅,,2020-01-15,户主,王五," + bad + ",初中,健康,普通劳动力,未就业,,,\r\n"
                + h3 + ",XG-NOPE-9,,脱贫搬迁户,,套房,,,户主,赵六," + d + ",初中,健康,普通劳动力,未就业,,,\r\n"
                + TestIds.code("IMP") + ",XG-LJ-001,,搬迁户,集中安置,套房,,,户主,钱七,,初中,健康,壮劳力,未就业,,,\r\n";
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);

        given().header("Authorization", Tokens.bearer("county.admin"))
                .multiPart("file", "households.csv", file, "text/csv")
                .post("/api/community/imports/households")
                .then().statusCode(200)
                .body("rows", equalTo(6))
                .body("householdsCreated", equalTo(1))
                .body("peopleAdded", equalTo(3))
                .body("rejected", equalTo(3))
                .body("errors.find { it.row == 5 }.field", equalTo("idNumber"))
                .body("errors.find { it.row == 5 }.message", containsString("check digit"))
                .body("errors.find { it.row == 6 }.field", equalTo("siteCode"))
                .body("errors.findAll { it.row == 7 }.field", hasItem("relocationType"))
                .body("errors.findAll { it.row == 7 }.field", hasItem("idNumber"))
                .body("errors.findAll { it.row == 7 }.field", hasItem("labourCapacity"));

        // the same file again: nothing is created twice
        given().header("Authorization", Tokens.bearer("county.admin"))
                .multiPart("file", "households.csv", file, "text/csv")
                .post("/api/community/imports/households")
                .then().statusCode(200)
                .body("householdsCreated", equalTo(0))
                .body("peopleAdded", equalTo(0))
                .body("duplicates", equalTo(3));

        List<String> members = given().header("Authorization", Tokens.bearer("county.admin"))
                .get("/api/community/households?regionCode=360732100&size=200").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.householdNo == '" + h1 + "' }.id", String.class);
        given().header("Authorization", Tokens.bearer("county.admin")).get("/api/community/households/" + members.get(0))
                .then().statusCode(200).body("members", hasSize(3)).body("originPlace", equalTo("兴国县高兴镇,老屋村"));
    }

    @Test
    void xlsxImportWorksAndMissingColumnsAreExplained() throws Exception {
        ensureSite();
        String no = TestIds.code("XLS");
        String id = TestIds.citizenId(1979, 9, 9, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        Worksheet ws = wb.newWorksheet("Sheet1");
        String[] header = HEADER.split(",");
        for (int i = 0; i < header.length; i++) {
            ws.value(0, i, header[i]);
        }
        String[] row = {no, "XG-LJ-001", "", "脱贫搬迁户", "集中安置", "套房", "", "", "户主", "孙八", id, "高中", "健康",
                "普通劳动力", "县外务工", "", "广东东莞", ""};
        for (int i = 0; i < row.length; i++) {
            ws.value(1, i, row[i]);
        }
        wb.finish();
        given().header("Authorization", Tokens.bearer("worker.a1"))
                .multiPart("file", "households.xlsx", out.toByteArray(),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .post("/api/community/imports/households")
                .then().statusCode(200).body("householdsCreated", equalTo(1)).body("peopleAdded", equalTo(1));

        given().header("Authorization", Tokens.bearer("county.admin"))
                .multiPart("file", "x.csv", "姓名,身份证号\r\n张三,1\r\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/community/imports/households")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("户编号"));
    }
}
