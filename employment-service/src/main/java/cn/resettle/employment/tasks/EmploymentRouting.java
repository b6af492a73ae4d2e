package cn.resettle.employment.tasks;

import cn.resettle.tasks.TaskRouter.TaskPlan;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Employment's routing rule: a job loss or an income drop becomes a person–job matching task (人岗精准对接) naming
 * the household's members who can work and are not employed. A household with nobody able to work gets no
 * employment task (community refers it to social assistance).
 */
public final class EmploymentRouting {

    public static final String JOB_MATCHING = "JOB_MATCHING";
    static final Set<String> CATEGORIES = Set.of("INCOME_DROP", "JOB_LOSS");
    static final Set<String> EMPLOYED = Set.of("EMPLOYED_LOCAL", "EMPLOYED_OUTSIDE", "SELF_EMPLOYED", "PUBLIC_WELFARE_POST");

    public record Member(UUID id, String name, String labourCapacity, String employmentStatus, String status) {
        boolean canWork() {
            return "ACTIVE".equals(status) && ("FULL".equals(labourCapacity) || "WEAK".equals(labourCapacity));
        }

        boolean employed() {
            return EMPLOYED.contains(employmentStatus) || "STUDENT".equals(employmentStatus);
        }
    }

    private EmploymentRouting() {
    }

    public static List<TaskPlan> route(String category, List<Member> members, int deadlineDays) {
        if (!CATEGORIES.contains(category)) {
            return List.of();
        }
        List<Member> candidates = members.stream().filter(Member::canWork).filter(m -> !m.employed()).toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        String names = candidates.stream()
                .map(m -> m.name() + ("WEAK".equals(m.labourCapacity()) ? "（弱劳动力，优先公益性岗位）" : ""))
                .collect(Collectors.joining("、"));
        return List.of(new TaskPlan(JOB_MATCHING, "人岗对接：为 " + candidates.size() + " 名有劳动能力未就业成员推荐岗位",
                "按\"311\"服务：至少3个岗位信息、1次职业指导、1次免费培训机会。风险类别 " + category, names, deadlineDays));
    }
}
