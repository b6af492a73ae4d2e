package cn.resettle.employment.tasks;

import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.employment.tasks.Workforce.EmploymentKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A placement's kind is exactly one of the statuses common counts as employed, with common's label. */
class EmploymentKindTest {

    @Test
    void placementKindsAreCommonsEmployedStatuses() {
        assertEquals(Set.copyOf(EmploymentStatus.employedStatuses()),
                Arrays.stream(EmploymentKind.values()).map(EmploymentKind::status).collect(Collectors.toSet()));
        for (EmploymentKind k : EmploymentKind.values()) {
            assertTrue(k.status().employed(), k + " must count as employed");
            assertEquals(k.status().label(), k.label());
        }
    }
}
