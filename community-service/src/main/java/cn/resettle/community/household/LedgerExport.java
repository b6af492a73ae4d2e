package cn.resettle.community.household;

import cn.resettle.community.household.HouseholdDtos.HouseholdView;
import cn.resettle.community.household.HouseholdDtos.PersonView;
import jakarta.enterprise.context.ApplicationScoped;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes the household ledger 搬迁户台账 as .xlsx, one row per member, with Chinese headers and labels. */
@ApplicationScoped
public class LedgerExport {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final int MAX_HOUSEHOLDS = 20_000;

    static final String[] HEADERS = {"户编号", "安置点编码", "乡镇代码", "搬迁类型", "安置方式", "住房类型", "迁出地", "户状态",
            "姓名", "身份证号", "性别", "出生日期", "年龄", "与户主关系", "文化程度", "健康状况", "劳动能力", "就业状况", "务工地点", "联系电话"};

    public byte[] write(List<HouseholdView> households) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "resettle", "1.0");
            Worksheet ws = wb.newWorksheet("搬迁户台账");
            for (int c = 0; c < HEADERS.length; c++) {
                ws.value(0, c, HEADERS[c]);
                ws.style(0, c).bold().set();
            }
            int r = 1;
            for (HouseholdView h : households) {
                for (PersonView p : h.members()) {
                    int c = 0;
                    ws.value(r, c++, h.householdNo());
                    ws.value(r, c++, h.siteCode());
                    ws.value(r, c++, h.regionCode());
                    ws.value(r, c++, h.relocationType().label());
                    ws.value(r, c++, h.placementType().label());
                    ws.value(r, c++, h.houseType() == null ? null : h.houseType().label());
                    ws.value(r, c++, h.originPlace());
                    ws.value(r, c++, h.status().label());
                    ws.value(r, c++, p.name());
                    ws.value(r, c++, p.idNumber());
                    ws.value(r, c++, p.gender().label());
                    // masked ledgers leave the birth date out (with the masked number it would rebuild the full one)
                    ws.value(r, c++, p.birthDate() == null ? null : p.birthDate().toString());
                    ws.value(r, c++, p.age());
                    ws.value(r, c++, p.relationship().label());
                    ws.value(r, c++, p.education() == null ? null : p.education().label());
                    ws.value(r, c++, p.health() == null ? null : p.health().label());
                    ws.value(r, c++, p.labourCapacity().label());
                    ws.value(r, c++, p.employmentStatus().label());
                    ws.value(r, c++, p.workplace());
                    ws.value(r, c, p.phone());
                    r++;
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
