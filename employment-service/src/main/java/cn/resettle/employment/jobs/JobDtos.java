package cn.resettle.employment.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class JobDtos {
    private JobDtos() {
    }

    static final String CODE = "[A-Z_]{2,24}";
    static final String SITE = "[A-Za-z0-9-]{1,32}";

    public record NewEmployer(@NotBlank @Size(max = 100) String name, @NotNull Employer.Kind kind,
                              @Pattern(regexp = "[0-9A-HJ-NPQRTUWXY]{18}", message = "must be an 18-character unified social credit code") String creditCode,
                              @NotNull @Pattern(regexp = "[0-9]{6}|[0-9]{9}", message = "must be a 6-digit county or 9-digit township code") String regionCode,
                              @Size(max = 200) String address, @Size(max = 50) String contactName,
                              @Pattern(regexp = "[0-9-]{7,20}") String contactPhone) {
    }

    public record EmployerView(UUID id, long version, String name, Employer.Kind kind, String kindLabel, String creditCode,
                               String regionCode, String address, String contactName, String contactPhone,
                               String createdBy, OffsetDateTime createdAt) {
    }

    public record NewPosting(@NotNull UUID employerId, @NotBlank @Size(max = 100) String title,
                             @NotNull @Pattern(regexp = CODE) String occupation,
                             @Size(max = 10) List<@NotNull @Pattern(regexp = CODE) String> requiredSkills,
                             @NotNull @Pattern(regexp = "[0-9]{6}|[0-9]{9}", message = "must be a 6-digit county or 9-digit township code") String regionCode,
                             @Size(max = 200) String workplace,
                             @NotNull @Min(0) @Max(1_000_000) Integer wageMin, @NotNull @Min(0) @Max(1_000_000) Integer wageMax,
                             @NotNull @Min(1) @Max(10_000) Integer openings,
                             boolean suitableForWeak, boolean homeBased,
                             @NotNull LocalDate validFrom, @NotNull LocalDate validUntil,
                             @Size(max = 50) List<@NotNull @Pattern(regexp = SITE) String> siteCodes) {
    }

    public record Publish(@NotNull @PositiveOrZero Long version,
                          @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = SITE) String> siteCodes) {
    }

    public record Close(@NotNull @PositiveOrZero Long version, @NotBlank @Size(max = 200) String reason) {
    }

    public record PostingView(UUID id, long version, UUID employerId, String employerName, Employer.Kind employerKind,
                              String title, String occupation, String occupationLabel, List<String> requiredSkills,
                              String regionCode, String workplace, int wageMin, int wageMax, int openings, int filled,
                              boolean suitableForWeak, boolean homeBased, LocalDate validFrom, LocalDate validUntil,
                              JobPosting.Status status, String statusLabel, String closedReason, List<String> siteCodes,
                              String createdBy, OffsetDateTime createdAt) {
    }
}
