package cn.resettle.industry.origin;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The origin place after the move: old houses (拆旧复垦复绿) and seasonal returns (季节性返回迁出地, 002 item 29). */
public final class OriginDtos {
    private OriginDtos() {
    }

    public enum HouseStatus implements Labelled {
        TO_DEMOLISH("应拆未拆"), DEMOLISHED("已拆除待复垦"), RECLAIMED("已复垦复绿"), RETAINED("集体收回封存");
        private final String label;
        HouseStatus(String l) { label = l; }
        public String label() { return label; }
    }

    public enum ReclaimMethod implements Labelled {
        FARMLAND("复垦"), GREENING("复绿");
        private final String label;
        ReclaimMethod(String l) { label = l; }
        public String label() { return label; }
    }

    /** Why a house is kept rather than demolished: attached to a neighbour's (连体房) or worth keeping (有保存价值). */
    public enum RetainReason implements Labelled {
        ATTACHED("连体房"), HERITAGE("有保存价值");
        private final String label;
        RetainReason(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Activity implements Labelled {
        PLANTING("种植"), BREEDING("养殖");
        private final String label;
        Activity(String l) { label = l; }
        public String label() { return label; }
    }

    public enum ReturnStatus implements Labelled {
        REGISTERED("已登记返乡"), BACK("已回安置点");
        private final String label;
        ReturnStatus(String l) { label = l; }
        public String label() { return label; }
    }

    public record NewOldHouse(@NotNull UUID householdId, @NotBlank @Size(max = 200) String location,
                              @NotNull @DecimalMin("0.01") @Digits(integer = 8, fraction = 2) BigDecimal floorAreaM2,
                              @Size(max = 200) String note) {
    }

    public record Demolished(@NotNull @Min(0) Long version, @NotNull @PastOrPresent LocalDate demolishedOn) {
    }

    public record Reclaimed(@NotNull @Min(0) Long version, @NotNull @PastOrPresent LocalDate reclaimedOn,
                            @NotNull ReclaimMethod method,
                            @NotNull @DecimalMin("0.01") @Digits(integer = 8, fraction = 2) BigDecimal areaMu) {
    }

    public record Retained(@NotNull @Min(0) Long version, @NotNull RetainReason reason, @NotNull @PastOrPresent LocalDate sealedOn) {
    }

    public record OldHouseView(UUID id, long version, UUID householdId, String householdNo, String regionCode, String siteCode,
                               String location, BigDecimal floorAreaM2, HouseStatus status, String statusLabel,
                               LocalDate demolishedOn, LocalDate reclaimedOn, ReclaimMethod reclaimMethod, BigDecimal reclaimedMu,
                               RetainReason retainReason, LocalDate sealedOn, String note, OffsetDateTime createdAt,
                               String createdBy) {
    }

    public record NewSeasonalReturn(@NotNull UUID householdId, @NotNull UUID personId,
                                    @NotBlank @Size(max = 200) String originLocation, @NotNull Activity activity,
                                    @NotBlank @Size(max = 100) String crop, @NotNull LocalDate fromOn, @NotNull LocalDate toOn,
                                    @NotNull @PastOrPresent LocalDate commitmentSignedOn,
                                    @NotBlank @Size(max = 200) String safeHousing) {
    }

    public record Back(@NotNull @Min(0) Long version, @NotNull @PastOrPresent LocalDate backOn) {
    }

    public record SeasonalReturnView(UUID id, long version, UUID householdId, String householdNo, String regionCode,
                                     String siteCode, UUID personId, String personName, String originLocation,
                                     Activity activity, String activityLabel, String crop, LocalDate fromOn, LocalDate toOn,
                                     LocalDate commitmentSignedOn, String safeHousing, ReturnStatus status, String statusLabel,
                                     LocalDate backOn, OffsetDateTime createdAt, String createdBy) {
    }
}
