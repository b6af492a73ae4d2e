package cn.resettle.employment.training;

import cn.resettle.common.web.DictionaryEntry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class TrainingDtos {
    private TrainingDtos() {
    }

    /** The kinds of training the seeds name (004 item 4, 001 item 6, 002 item 12). */
    public enum Kind implements DictionaryEntry.Labelled {
        SKILL("就业技能培训"), ENTREPRENEURSHIP("创业培训"), HANDICRAFT("民族手工艺培训"), ORDER_BASED("订单式/定向定岗培训"),
        ON_THE_JOB("以工代训"), NIGHT_SCHOOL("农民夜校/送训下乡"), OTHER("其他培训");
        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** Where a session is in time, computed from its dates (never stored, so it cannot go stale). */
    public enum Phase implements DictionaryEntry.Labelled {
        UPCOMING("未开班"), RUNNING("培训中"), ENDED("已结业");
        private final String label;

        Phase(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public enum EnrolmentStatus implements DictionaryEntry.Labelled {
        ENROLLED("已报名"), COMPLETED("已结业");
        private final String label;

        EnrolmentStatus(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public record NewSession(@NotBlank @Size(max = 100) String title, @NotNull Kind kind,
                             @NotBlank @Size(max = 100) String provider, @NotBlank @Size(max = 32) String siteCode,
                             @NotNull LocalDate startsOn, @NotNull LocalDate endsOn,
                             @Size(max = 5) List<@NotNull @Pattern(regexp = "[A-Z_]{2,24}") String> skills,
                             @NotNull @Min(1) @Max(500) Integer capacity, Boolean free) {
    }

    public record Enrol(@NotNull UUID personId) {
    }

    /** The people present on one day of the session. */
    public record Attendance(@NotNull @PastOrPresent LocalDate day, @NotEmpty @Size(max = 500) List<@NotNull UUID> personIds) {
    }

    public record Complete(@NotNull @PositiveOrZero Long version, @NotNull @PastOrPresent LocalDate completedOn,
                           @Size(max = 50) @Pattern(regexp = "[\\p{L}\\p{N}\\-/（）()]*", message = "letters, digits, - and / only") String certificateNo,
                           @Size(max = 5) List<@NotNull @Pattern(regexp = "[A-Z_]{2,24}") String> skillsGained) {
    }

    public record SessionView(UUID id, long version, String title, Kind kind, String kindLabel, String provider,
                              String siteCode, String regionCode, LocalDate startsOn, LocalDate endsOn, List<String> skills,
                              int capacity, boolean free, Phase phase, String phaseLabel, long enrolled, long completed,
                              String createdBy, OffsetDateTime createdAt) {
    }

    public record EnrolmentView(UUID id, long version, UUID sessionId, String sessionTitle, Kind kind, String kindLabel,
                                String provider, LocalDate startsOn, LocalDate endsOn, UUID personId, String name,
                                String idNumber, UUID householdId, String householdNo, String siteCode, String regionCode,
                                EnrolmentStatus status, String statusLabel, long daysAttended, LocalDate completedOn,
                                String certificateNo, List<String> skillsGained) {
    }

    /** A site's sessions in a year (the seeds want at least one). */
    public record SiteSessions(String siteCode, String siteName, String regionCode, int year, long sessions,
                               long completions, boolean hasSession) {
    }
}
