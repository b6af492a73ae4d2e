package cn.resettle.monitoring.visit;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import cn.resettle.monitoring.risk.RiskDtos.RiskView;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public final class VisitDtos {
    private VisitDtos() {
    }

    public enum HealthChange implements Labelled {
        NONE("无变化"), SERIOUS_ILLNESS("新患大病"), NEW_DISABILITY("新增残疾"), RECOVERED("康复");
        private final String label;
        HealthChange(String l) { label = l; }
        public String label() { return label; }
    }

    public enum SuddenDifficulty implements Labelled {
        NONE("无"), ILLNESS("重大疾病"), ACCIDENT("意外事故"), DISASTER("自然灾害"), OTHER("其他");
        private final String label;
        SuddenDifficulty(String l) { label = l; }
        public String label() { return label; }
    }

    /**
     * What a site worker records at the monthly visit: the five changes (household size, health, industry,
     * employment, per-capita income) and the five situations (policies received, cadre pairing, integration,
     * reasonable demands solved, sudden difficulties), plus the two-no-worries/three-guarantees checks.
     * {@code perCapitaIncome} is the household's annualised per-capita net income in yuan.
     */
    public record VisitRequest(
            @NotNull UUID householdId,
            @NotNull @Pattern(regexp = "20[0-9]{2}-(0[1-9]|1[0-2])", message = "must be a month like 2026-11") String visitMonth,
            @NotNull @PastOrPresent LocalDate visitedOn,
            @Min(1) @Max(30) Integer householdSize,
            @NotNull @DecimalMin("0") @DecimalMax("10000000") BigDecimal perCapitaIncome,
            @DecimalMin("0") @DecimalMax("100000000") BigDecimal medicalExpense,
            HealthChange healthChange,
            @Size(max = 200) String industryChange,
            @Size(max = 200) String employmentChange,
            @Min(0) @Max(30) Integer membersLostJob,
            boolean unsafeHousing,
            boolean unsafeWater,
            boolean childOutOfSchool,
            SuddenDifficulty suddenDifficulty,
            @Size(max = 500) String policiesReceived,
            Boolean cadrePaired,
            Boolean integrated,
            Boolean demandsSolved,
            @Size(max = 1000) String note) {
    }

    public record VisitView(UUID id, UUID householdId, String householdNo, String regionCode, String siteCode,
                            String visitMonth, LocalDate visitedOn, String visitor, Integer householdSize,
                            BigDecimal perCapitaIncome, BigDecimal medicalExpense, String healthChange,
                            boolean unsafeHousing, boolean unsafeWater, boolean childOutOfSchool,
                            String suddenDifficulty, String note) {
    }

    /** The visit as recorded and the risks it raised (or found already open). */
    public record VisitResult(VisitView visit, List<RiskView> risks) {
    }

    public record Unvisited(UUID householdId, String householdNo, String siteCode, String regionCode, int memberCount) {
    }
}
