package cn.resettle.industry.consumption;

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

public final class ConsumptionDtos {
    private ConsumptionDtos() {
    }

    /** Where the sites' products are sold (消费帮扶渠道). */
    public enum Kind implements Labelled {
        ECOMMERCE("电商平台"), SUPERMARKET("商超"), INSTITUTION("机关单位/食堂采购"), COUNTER("消费帮扶专柜"),
        FAIR("展销会"), PAIRED_REGION("东西部协作/对口帮扶地区"), OTHER("其他");
        private final String label;
        Kind(String l) { label = l; }
        public String label() { return label; }
    }

    /** A channel and, where signed, its buyer agreement (number, agreed amount a year, term). */
    public record NewChannel(@NotBlank @Size(max = 32) String siteCode,
                             @NotNull Kind kind,
                             @NotBlank @Size(max = 100) String name,
                             @NotBlank @Size(max = 100) String buyer,
                             @NotBlank @Size(max = 300) String products,
                             @Size(max = 50) String agreementNo,
                             @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal agreedAmount,
                             @NotNull LocalDate agreementFrom,
                             LocalDate agreementTo) {
    }

    public record ChannelView(UUID id, long version, String siteCode, String regionCode, Kind kind, String kindLabel,
                              String name, String buyer, String products, String agreementNo, BigDecimal agreedAmount,
                              LocalDate agreementFrom, LocalDate agreementTo, BigDecimal salesThisYear,
                              long householdsBenefitedThisYear, OffsetDateTime createdAt, String createdBy) {
    }

    public record NewSale(@NotNull @PastOrPresent LocalDate soldOn,
                          @NotBlank @Size(max = 100) String product,
                          @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                          @NotNull @Min(0) @Max(100_000) Integer householdsBenefited,
                          @Size(max = 300) String note) {
    }

    public record SaleView(UUID id, UUID channelId, LocalDate soldOn, String product, BigDecimal amount,
                           int householdsBenefited, String note, String recordedBy) {
    }
}
