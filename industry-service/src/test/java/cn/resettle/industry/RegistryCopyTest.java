package cn.resettle.industry;

import cn.resettle.common.testing.AbstractRegistryCopyTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistryCopyTest extends AbstractRegistryCopyTest {
    @Override
    protected String basePath() {
        return "/api/industry/registry/households";
    }

    @Override
    protected String deadLetterTopic() {
        return "resettle.industry.dlq";
    }
}
