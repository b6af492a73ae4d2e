package cn.resettle.industry.workshop;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class WorkshopDtos {
    private WorkshopDtos() {
    }

    public record NewWorkshop(@NotBlank @Size(max = 100) String name,
                              @NotBlank @Size(max = 32) String siteCode,
                              @NotBlank @Size(max = 100) String operator,
                              @NotBlank @Size(max = 300) String products,
                              @NotNull @Min(0) @Max(100_000) Integer jobs,
                              @NotNull @PastOrPresent LocalDate openedOn) {
    }

    public record WorkshopView(UUID id, long version, String name, String siteCode, String siteName, String regionCode,
                               String operator, String products, int jobs, LocalDate openedOn,
                               WorkshopEnums.Status status, String statusLabel, String lastQuarter,
                               long relocatedWorkers, long householdsEmployed, BigDecimal ordersTotal,
                               BigDecimal subsidiesTotal, OffsetDateTime createdAt, String createdBy) {
    }

    public record NewWorker(@NotNull UUID personId, @NotBlank @Size(max = 50) String post,
                            @NotNull @PastOrPresent LocalDate since) {
    }

    public record WorkerLeft(@NotNull @PastOrPresent LocalDate until, @NotBlank @Size(max = 200) String reason) {
    }

    /** A worker as officials see them: the ID number only ever masked (industry never holds it in clear). */
    public record WorkerView(UUID id, UUID workshopId, UUID personId, UUID householdId, String householdNo, String name,
                             String idNumberMasked, String post, LocalDate since, LocalDate until, String leftReason) {
    }

    public record NewOrder(@NotBlank @Size(max = 100) String buyer, @NotBlank @Size(max = 300) String description,
                           @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                           @NotNull @PastOrPresent LocalDate orderedOn) {
    }

    public record OrderView(UUID id, UUID workshopId, String buyer, String description, BigDecimal amount,
                            LocalDate orderedOn, String recordedBy) {
    }

    public record NewSubsidy(@NotNull WorkshopEnums.SubsidyKind kind,
                             @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                             @NotNull @PastOrPresent LocalDate grantedOn, @Size(max = 300) String note) {
    }

    public record SubsidyView(UUID id, UUID workshopId, WorkshopEnums.SubsidyKind kind, String kindLabel,
                              BigDecimal amount, LocalDate grantedOn, String note, String recordedBy) {
    }

    /**
     * A quarterly check. {@code relocatedWorkers} defaults to the relocated people recorded as working there.
     */
    public record NewCheck(@NotBlank @Pattern(regexp = Quarter.PATTERN, message = "must be a quarter such as 2026Q3") String quarter,
                           @NotNull WorkshopEnums.Status status,
                           @NotNull @Min(0) @Max(100_000) Integer workers,
                           @Min(0) @Max(100_000) Integer relocatedWorkers,
                           @NotNull @DecimalMin(value = "0") @Digits(integer = 12, fraction = 2) BigDecimal income,
                           @NotNull @PastOrPresent LocalDate checkedOn,
                           @Size(max = 500) String note) {
    }

    public record CheckView(UUID id, UUID workshopId, String quarter, WorkshopEnums.Status status, String statusLabel,
                            int workers, int relocatedWorkers, BigDecimal income, LocalDate checkedOn, String checkedBy,
                            String note, List<UUID> householdsWithoutEarner) {
    }

    public record OverdueCheck(UUID workshopId, String name, String siteCode, String regionCode,
                               WorkshopEnums.Status status, String lastQuarter, String dueQuarter, LocalDate dueBy,
                               long daysOverdue) {
    }
}
