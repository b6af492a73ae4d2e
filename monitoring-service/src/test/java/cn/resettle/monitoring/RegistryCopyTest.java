package cn.resettle.monitoring;

import cn.resettle.common.testing.AbstractRegistryCopyTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistryCopyTest extends AbstractRegistryCopyTest {
    @Override
    protected String basePath() {
        return "/api/monitoring/registry/households";
    }

    @Override
    protected String deadLetterTopic() {
        return "resettle.monitoring.dlq";
    }
}
