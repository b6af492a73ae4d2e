package cn.resettle.employment;

import cn.resettle.common.testing.AbstractRegistryCopyTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistryCopyTest extends AbstractRegistryCopyTest {
    @Override
    protected String basePath() {
        return "/api/employment/registry/households";
    }

    @Override
    protected String deadLetterTopic() {
        return "resettle.employment.dlq";
    }
}
