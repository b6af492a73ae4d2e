package cn.resettle.community;

import cn.resettle.common.testing.AbstractOpenApiDocumentTest;
import io.quarkus.test.junit.QuarkusTest;

/** community-service's OpenAPI document, as front ends and other systems generate clients from it. */
@QuarkusTest
class OpenApiDocumentTest extends AbstractOpenApiDocumentTest {
}
