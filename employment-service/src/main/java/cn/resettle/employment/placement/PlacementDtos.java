package cn.resettle.employment.placement;

import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.employment.tasks.Workforce.EmploymentKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

public final class PlacementDtos {
    private PlacementDtos() {
    }

    public enum Contract implements DictionaryEntry.Labelled {
        NONE("未签订合同"), FIXED_TERM("固定期限劳动合同"), OPEN_ENDED("无固定期限劳动合同"), TASK("以完成一定工作任务为期限"),
        LABOUR_SERVICE("劳务协议");
        private final String label;

        Contract(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public enum EndReason implements DictionaryEntry.Labelled {
        CONTRACT_ENDED("合同到期"), DISMISSED("被辞退"), RESIGNED("主动离职"), EMPLOYER_CLOSED("企业停产/倒闭"),
        ILLNESS("伤病"), DISASTER("受灾返乡"), OTHER("其他");
        private final String label;

        EndReason(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public enum Status implements DictionaryEntry.Labelled {
        ACTIVE("在岗"), ENDED("已离岗");
        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * A person starts work: on a posting ({@code postingId}: the employer is the posting's), with a registered
     * employer ({@code employerId}) or an employer named in {@code employer} (e.g. work outside the county).
     */
    public record Start(@NotNull UUID personId, UUID postingId, UUID employerId, @Size(max = 100) String employer,
                        @NotNull EmploymentKind kind, @NotNull @PastOrPresent LocalDate startedOn,
                        @PositiveOrZero @Max(1_000_000) Integer monthlyWage, Contract contract,
                        @Size(max = 100) String workplace) {
    }

    public record End(@NotNull @PositiveOrZero Long version, @NotNull @PastOrPresent LocalDate endedOn,
                      @NotNull EndReason reason, @Size(max = 200) String note) {
    }

    public record PlacementView(UUID id, long version, UUID personId, String personName, UUID householdId, String householdNo,
                                String regionCode, String siteCode, UUID employerId, String employerName, UUID postingId,
                                EmploymentKind kind, String kindLabel, LocalDate startedOn, Integer monthlyWage,
                                Contract contract, String contractLabel, String workplace, Status status, LocalDate endedOn,
                                EndReason endReason, String endReasonLabel, String endNote, String recordedBy,
                                OffsetDateTime createdAt, Boolean householdWithoutEmployment) {
    }

}
