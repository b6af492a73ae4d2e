package cn.resettle.employment.tasks;

import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.tasks.TaskRouter.TaskPlan;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Employment's routing rule: a job loss or an income drop becomes a person–job matching task (人岗精准对接) naming
 * the household's members who can work, are not employed and are not in school. A household with nobody able to work gets no
 * employment task (community refers it to social assistance).
 */
public final class EmploymentRouting {

    public static final String JOB_MATCHING = "JOB_MATCHING";
    static final Set<String> CATEGORIES = Set.of("INCOME_DROP", "JOB_LOSS");

    /** A member as the registry copy has them; who can work and who is employed is decided in common's enums. */
    public record Member(UUID id, String name, String labourCapacity, String employmentStatus, String status) {
        public boolean active() {
            return "ACTIVE".equals(status);
        }

        public boolean canWork() {
            return active() && LabourCapacity.canWork(labourCapacity);
        }

        public boolean employed() {
            return EmploymentStatus.employed(employmentStatus);
        }

        /** Can work, has no job and is not in school: named in a job-matching task. */
        public boolean seeksWork() {
            return canWork() && EmploymentStatus.seeksWork(employmentStatus);
        }
    }

    private EmploymentRouting() {
    }

    public static List<TaskPlan> route(String category, List<Member> members, int deadlineDays) {
        if (!CATEGORIES.contains(category)) {
            return List.of();
        }
        List<Member> candidates = members.stream().filter(Member::seeksWork).toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        String names = candidates.stream()
                .map(m -> m.name() + (LabourCapacity.WEAK.name().equals(m.labourCapacity()) ? "（弱劳动力，优先公益性岗位）" : ""))
                .collect(Collectors.joining("、"));
        return List.of(new TaskPlan(JOB_MATCHING, "人岗对接：为 " + candidates.size() + " 名有劳动能力未就业成员推荐岗位",
                "按\"311\"服务：至少3个岗位信息、1次职业指导、1次免费培训机会。风险类别 " + category, names, deadlineDays));
    }
}
