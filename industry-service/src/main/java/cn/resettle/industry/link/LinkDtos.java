package cn.resettle.industry.link;

import cn.resettle.common.web.DictionaryEntry.Labelled;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class LinkDtos {
    private LinkDtos() {
    }

    /** How a household is tied to an industry (联农带农). */
    public enum Kind implements Labelled {
        WORKSHOP_JOB("帮扶车间务工"), COOPERATIVE("合作社入社"), DIVIDEND("资产收益分红"), LEASE("土地/房屋流转"),
        INDUSTRY_BASE("产业基地/园区带动");
        private final String label;
        Kind(String l) { label = l; }
        public String label() { return label; }
    }

    /**
     * A link. INDUSTRY_BASE is recorded through an industry base (its employed person or linked household). WORKSHOP_JOB names the person ({@code personId}), the workshop ({@code workshopId}) and the post; the
     * others name the household and the partner (cooperative, asset, lessee). A person given implies the household.
     */
    public record NewLink(UUID householdId,
                          @NotNull Kind kind,
                          UUID personId,
                          UUID workshopId,
                          @Size(max = 100) String partner,
                          @Size(max = 50) String post,
                          @NotNull @PastOrPresent LocalDate since,
                          @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal annualIncome,
                          @Size(max = 300) String note) {
    }

    public record LinkView(UUID id, UUID householdId, String householdNo, String regionCode, String siteCode, Kind kind,
                           String kindLabel, UUID personId, UUID workshopId, String partner, LocalDate since,
                           BigDecimal annualIncome, String note, String recordedBy, OffsetDateTime createdAt,
                           List<UUID> completedTaskIds) {
    }
}
