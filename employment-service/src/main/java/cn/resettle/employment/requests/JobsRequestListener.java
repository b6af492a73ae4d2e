package cn.resettle.employment.requests;

import cn.resettle.common.events.CommunityEvents;
import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.registry.CommunityEventListener;
import cn.resettle.employment.tasks.EmploymentRouting;
import cn.resettle.employment.tasks.Workforce;
import cn.resettle.tasks.TaskConfig;
import cn.resettle.tasks.TaskRouter.TaskPlan;
import cn.resettle.tasks.TaskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A one-stop service request for work (category JOBS, 一站式服务 就业) filed at a site becomes a person–job matching task
 * in employment's inbox, naming the household's members who can work and seek work (or all who can work when the
 * registry records none as seeking). Once per request: the request id stands where a risk id would
 * ({@link TaskService#openForSource}), so a replayed event, or the same request announced twice, opens nothing more.
 * A placement of a member completes it like any job-matching task.
 */
@ApplicationScoped
public class JobsRequestListener implements CommunityEventListener {

    static final String SERVICE_REQUEST_FILED = "cn.resettle.community.service-request.filed.v1";

    @Inject
    EventCodec codec;
    @Inject
    TaskService tasks;
    @Inject
    Workforce workforce;
    @Inject
    TaskConfig config;

    @Override
    public void onCommunityEvent(EventEnvelope e) {
        if (!SERVICE_REQUEST_FILED.equals(e.type())) {
            return;
        }
        CommunityEvents.ServiceRequestFiled r = codec.data(e, CommunityEvents.ServiceRequestFiled.class);
        if (!"JOBS".equals(r.category())) {
            return;
        }
        tasks.openForSource(r.requestId(), r.householdId(), r.householdNo(), r.regionCode(), r.siteCode(),
                plan(r.requestNo(), workforce.members(r.householdId()), config.deadlineFor(EmploymentRouting.JOB_MATCHING, 15)));
    }

    /** The task for a jobs request: who to match (seeking work first, else anyone able to work). Pure, unit-tested. */
    static TaskPlan plan(String requestNo, List<EmploymentRouting.Member> members, int deadlineDays) {
        List<EmploymentRouting.Member> seeking = members.stream().filter(EmploymentRouting.Member::seeksWork).toList();
        List<EmploymentRouting.Member> named = seeking.isEmpty()
                ? members.stream().filter(EmploymentRouting.Member::canWork).toList() : seeking;
        String names = named.stream().map(EmploymentRouting.Member::name).collect(Collectors.joining("、"));
        return new TaskPlan(EmploymentRouting.JOB_MATCHING, "一站式诉求 " + requestNo + "：居民求职，人岗对接",
                "居民在安置点一站式服务窗口提出就业诉求（" + requestNo + "），请联系并推荐岗位",
                names.isEmpty() ? null : names, deadlineDays);
    }
}
