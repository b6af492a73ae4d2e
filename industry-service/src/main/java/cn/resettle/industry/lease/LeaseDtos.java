package cn.resettle.industry.lease;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

public final class LeaseDtos {
    private LeaseDtos() {
    }

    /** What of the origin place is leased out: the "three lands" (三块地) and the old house. */
    public enum AssetType implements Labelled {
        HOMESTEAD("宅基地"), FARMLAND("耕地"), FOREST("林地"), HOUSE("旧房");
        private final String label;
        AssetType(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Status implements Labelled {
        ACTIVE("流转中"), TERMINATED("已终止");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }

    /** {@code areaMu}: mu (亩; a house's floor area converted is not asked: give its plot); rent in yuan a year. */
    public record NewLease(@NotNull UUID householdId,
                           @NotNull AssetType assetType,
                           @NotBlank @Size(max = 200) String location,
                           @NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal areaMu,
                           @NotBlank @Size(max = 100) String lessee,
                           @NotBlank @Size(max = 200) String purpose,
                           @Size(max = 50) String contractNo,
                           @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal annualRent,
                           @NotNull LocalDate startOn,
                           @NotNull LocalDate endOn) {
    }

    public record LeaseView(UUID id, long version, UUID householdId, String householdNo, String regionCode, String siteCode,
                            AssetType assetType, String assetTypeLabel, String location, BigDecimal areaMu, String lessee,
                            String purpose, String contractNo, BigDecimal annualRent, LocalDate startOn, LocalDate endOn,
                            Status status, String statusLabel, LocalDate terminatedOn, String terminationReason, BigDecimal rentPaid, UUID linkId,
                            OffsetDateTime createdAt, String createdBy) {
    }

    public record Terminate(@NotNull @Min(0) Long version, @NotNull @PastOrPresent LocalDate terminatedOn,
                            @NotBlank @Size(max = 200) String reason) {
    }

    public record NewRent(@NotNull @Min(2000) @Max(2100) Integer year,
                          @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                          @NotNull @PastOrPresent LocalDate paidOn) {
    }

    public record RentView(UUID id, UUID leaseId, int year, BigDecimal amount, LocalDate paidOn, String recordedBy) {
    }
}
