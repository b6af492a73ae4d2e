package cn.resettle.employment.labour;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public final class LabourDtos {
    private LabourDtos() {
    }

    /**
     * One person of the labour registry. Who the person is comes from the registry copy (masked ID number, birth
     * year → age; the copy holds no clear number and no birth date); status, employer, workplace and since from
     * employment's own record when there is one.
     */
    public record LabourView(UUID personId, UUID householdId, String householdNo, String siteCode, String regionCode,
                             String name, String idNumber, String gender, Integer age, String labourCapacity,
                             String employmentStatus, String employer, String workplace, LocalDate employedSince,
                             List<String> skills, List<String> desiredSkills, Boolean wishToWork, boolean trainingWish,
                             List<String> trainingSkills, boolean canLeaveHome, String note, LocalDate checkedOn,
                             Long version) {
    }

    /**
     * The monthly update of a person's labour record (每月更新). {@code version}: the version read (absent for a
     * person without a record yet). Skills are codes from the skills dictionary; 1–2 per worker is the goal.
     */
    public record LabourUpdate(@PositiveOrZero Long version,
                               @NotNull @Size(max = 10) List<@NotNull @Pattern(regexp = "[A-Z_]{2,24}") String> skills,
                               @Size(max = 5) List<@NotNull @Pattern(regexp = "[A-Z_]{2,24}") String> desiredSkills,
                               Boolean wishToWork,
                               boolean trainingWish,
                               @Size(max = 5) List<@NotNull @Pattern(regexp = "[A-Z_]{2,24}") String> trainingSkills,
                               Boolean canLeaveHome,
                               @Size(max = 200) String note) {
    }
}
