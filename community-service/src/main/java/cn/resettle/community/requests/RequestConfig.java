package cn.resettle.community.requests;

import cn.resettle.community.requests.RequestEnums.Category;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * Routing and deadlines of one-stop service requests, per category (configuration per county, never constants):
 * {@code resettle.requests.department.<CATEGORY>}, {@code resettle.requests.accept-within.<CATEGORY>} (from filing
 * or reopening to acceptance), {@code resettle.requests.answer-within.<CATEGORY>} (from acceptance to the answer).
 * A request past its step's deadline moves up a level (site → township → county) and gets the step's time again.
 */
@ConfigMapping(prefix = "resettle.requests")
public interface RequestConfig {

    Map<String, String> department();

    Map<String, Duration> acceptWithin();

    Map<String, Duration> answerWithin();

    @WithDefault("综合服务窗口 one-stop window")
    String defaultDepartment();

    @WithDefault("P1D")
    Duration defaultAcceptWithin();

    @WithDefault("P7D")
    Duration defaultAnswerWithin();

    /** How often the escalation job looks for overdue requests (read by {@link EscalationJob}'s schedule). */
    @WithDefault("60s")
    String escalationCheck();

    /** How many overdue requests one run of the escalation job moves up (the next run takes the rest). */
    @WithDefault("500")
    int escalationBatch();

    default String departmentOf(Category c) {
        return department().getOrDefault(c.name(), defaultDepartment());
    }

    default Duration acceptWithin(Category c) {
        return acceptWithin().getOrDefault(c.name(), defaultAcceptWithin());
    }

    default Duration answerWithin(Category c) {
        return answerWithin().getOrDefault(c.name(), defaultAnswerWithin());
    }
}
