package cn.resettle.industry.premises;

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

public final class PremisesDtos {
    private PremisesDtos() {
    }

    public enum Kind implements Labelled {
        GARAGE("底层车库"), SHOP("门面/商铺"), FACTORY("标准厂房"), OTHER("其他用房");
        private final String label;
        Kind(String l) { label = l; }
        public String label() { return label; }
    }

    public enum Status implements Labelled {
        IDLE("闲置"), IN_USE("已使用");
        private final String label;
        Status(String l) { label = l; }
        public String label() { return label; }
    }

    public record NewPremises(@NotBlank @Size(max = 32) String siteCode,
                              @NotNull Kind kind,
                              @NotBlank @Size(max = 200) String address,
                              @NotNull @DecimalMin(value = "0.01") @Digits(integer = 8, fraction = 2) BigDecimal areaM2,
                              @NotBlank @Size(max = 100) String owner,
                              @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal monthlyRent,
                              @NotNull @PastOrPresent LocalDate idleSince,
                              @Size(max = 300) String note) {
    }

    public record PremisesView(UUID id, long version, String siteCode, String regionCode, Kind kind, String kindLabel,
                               String address, BigDecimal areaM2, String owner, BigDecimal monthlyRent, Status status,
                               String statusLabel, UUID workshopId, String workshopName, LocalDate inUseSince,
                               LocalDate idleSince, String note, OffsetDateTime createdAt, String createdBy) {
    }

    public record Allocate(@NotNull @Min(0) Long version, @NotNull UUID workshopId, @NotNull @PastOrPresent LocalDate since) {
    }

    public record Release(@NotNull @Min(0) Long version, @NotNull @PastOrPresent LocalDate on) {
    }
}
