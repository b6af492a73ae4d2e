package cn.resettle.common.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MaskingTest {
    @Test
    void keepsDivisionAndLastFour() {
        assertEquals("360732********0014", Masking.idNumber("360732198001010014"));
        assertEquals("138****1111", Masking.phone("13800001111"));
        assertNull(Masking.phone(null));
    }
}
