package cn.resettle.community.property;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Bodies and views of property fees (with relief) and facility maintenance. */
public final class PropertyDtos {
    private PropertyDtos() {
    }

    public enum FeeStatus implements Labelled {
        UNPAID("未缴"), PARTIAL("部分缴纳"), PAID("已缴清");
        private final String label;
        FeeStatus(String l) { label = l; }
        public String label() { return label; }
    }

    /** Why a household's fee is relieved: the difficulty it is in (困难户物业费减免). */
    public enum ReliefKind implements Labelled {
        MONITORING_SUBJECT("防返贫监测对象"), MINIMUM_LIVING("低保户"), EXTREMELY_POOR("特困供养"), DISABILITY("重度残疾"),
        TEMPORARY_DIFFICULTY("临时困难");
        private final String label;
        ReliefKind(String l) { label = l; }
        public String label() { return label; }
    }

    public enum MaintenanceCategory implements Labelled {
        WATER("供水"), POWER("供电"), ROAD("道路"), LIGHTING("照明"), ELEVATOR("电梯"), DRAINAGE("排水"), FIRE_EQUIPMENT("消防设施"),
        PUBLIC_SPACE("公共活动场所"), OTHER("其他");
        private final String label;
        MaintenanceCategory(String l) { label = l; }
        public String label() { return label; }
    }

    static final String MONTH = "20[0-9]{2}-(0[1-9]|1[0-2])";

    /** Bills the month's fee to every active household of the site that has no bill for that month yet. */
    public record BillRequest(@NotNull UUID siteId, @NotNull @Pattern(regexp = MONTH, message = "yyyy-MM") String period,
                              @NotNull @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 8, fraction = 2) BigDecimal monthlyFee) {
    }

    public record BillResult(String siteCode, String period, int billed, int alreadyBilled) {
    }

    /**
     * Relief of a household's fee; {@code source} names where the money comes from, e.g. the site's asset-income
     * distribution plan's PROPERTY_FEE_RELIEF use (产业收益分配方案).
     */
    public record ReliefRequest(@NotNull Long version, @NotNull @DecimalMin("0.01") @Digits(integer = 8, fraction = 2) BigDecimal amount,
                                @NotNull ReliefKind kind, @NotBlank @Size(max = 500) String reason, @Size(max = 200) String source) {
    }

    public record PaymentRequest(@NotNull Long version, @NotNull @DecimalMin("0.01") @Digits(integer = 8, fraction = 2) BigDecimal amount,
                                 @NotNull @PastOrPresent LocalDate paidOn) {
    }

    /** {@code outstanding} = due − relief − paid. */
    public record FeeView(UUID id, long version, UUID householdId, String householdNo, String siteCode, String regionCode,
                          String period, BigDecimal amountDue, BigDecimal relief, ReliefKind reliefKind, String reliefReason,
                          String reliefSource, String reliefBy, BigDecimal paid, BigDecimal outstanding, FeeStatus status,
                          LocalDate lastPaidOn) {
    }

    public record MaintenanceRequest(@NotNull UUID siteId, @NotBlank @Size(max = 100) String facility,
                                     @NotNull MaintenanceCategory category, @NotBlank @Size(max = 1000) String description,
                                     @NotNull @PastOrPresent LocalDate reportedOn, @Size(max = 100) String contractor) {
    }

    public record MaintenanceDone(@NotNull Long version, @NotNull @PastOrPresent LocalDate doneOn,
                                  @NotBlank @Size(max = 1000) String result,
                                  @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal cost) {
    }

    public record MaintenanceView(UUID id, long version, String siteCode, String regionCode, String facility,
                                  MaintenanceCategory category, String description, LocalDate reportedOn, String contractor,
                                  String status, LocalDate doneOn, String result, BigDecimal cost, String createdBy,
                                  String closedBy) {
    }
}
