package cn.resettle.employment.matching;

import cn.resettle.employment.matching.MatchScore.Distance;
import cn.resettle.employment.matching.MatchScore.Reason;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class MatchingDtos {
    private MatchingDtos() {
    }

    /** A posting ranked for a person. */
    public record PostingMatch(UUID postingId, String title, String employerName, String occupation, String occupationLabel,
                               String regionCode, String workplace, int wageMin, int wageMax, int remaining,
                               LocalDate validUntil, Distance distance, int score, List<Reason> reasons) {
    }

    /** A person ranked for a posting (masked, like every list of people). */
    public record CandidateMatch(UUID personId, UUID householdId, String householdNo, String siteCode, String regionCode,
                                 String name, String idNumber, Integer age, String labourCapacity, Distance distance,
                                 int score, List<Reason> reasons) {
    }

    /** One person of a job-matching task's household with the postings offered for them. */
    public record TaskMatches(UUID personId, String name, String labourCapacity, List<PostingMatch> postings) {
    }

    public record Recommend(@NotNull UUID personId, @NotNull UUID postingId, UUID taskId) {
    }

    public record Answer(@NotNull @PositiveOrZero Long version, @NotNull Boolean accepted, @Size(max = 200) String note) {
    }

    public enum Status implements cn.resettle.common.web.DictionaryEntry.Labelled {
        OFFERED("已推荐待答复"), ACCEPTED("有意向"), DECLINED("不接受"), EXPIRED("超时未答复"), PLACED("已上岗");
        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public record RecommendationView(UUID id, long version, UUID postingId, String postingTitle, String employerName,
                                     int wageMin, int wageMax, UUID personId, String personName, UUID householdId,
                                     String householdNo, String siteCode, UUID taskId, int score, String reasons,
                                     Status status, String statusLabel, String offeredBy, OffsetDateTime offeredAt,
                                     OffsetDateTime expiresAt, OffsetDateTime answeredAt, String answerNote) {
    }
}
