package cn.resettle.common.registry;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabourRulesTest {

    @Test
    void fullAndWeakLabourCanWorkNoneCannot() {
        assertEquals(List.of("FULL", "WEAK"), LabourCapacity.workingCodes());
        assertTrue(LabourCapacity.canWork("WEAK"));
        assertFalse(LabourCapacity.canWork("NONE"));
        assertFalse(LabourCapacity.canWork(null));
    }

    @Test
    void aStudentIsNeitherEmployedNorLookingForWork() {
        assertEquals(List.of(EmploymentStatus.EMPLOYED_LOCAL, EmploymentStatus.EMPLOYED_OUTSIDE,
                EmploymentStatus.SELF_EMPLOYED, EmploymentStatus.PUBLIC_WELFARE_POST), EmploymentStatus.employedStatuses());
        assertFalse(EmploymentStatus.employed("STUDENT"));
        assertFalse(EmploymentStatus.seeksWork("STUDENT"));
        assertTrue(EmploymentStatus.seeksWork("UNEMPLOYED"));
        assertTrue(EmploymentStatus.seeksWork("FARMING"));
        assertFalse(EmploymentStatus.seeksWork("PUBLIC_WELFARE_POST"));
    }
}
