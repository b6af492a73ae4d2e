package cn.resettle.common.validation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CitizenIdsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void acceptsRealNumbersIncludingXCheckCharacter() {
        // check characters computed by hand with the GB 11643 weights
        assertEquals(Optional.empty(), CitizenIds.check("360732198001010014", TODAY));
        assertEquals(Optional.empty(), CitizenIds.check("36073219900303003X", TODAY));
        assertEquals(Optional.empty(), CitizenIds.check("11010519491231002X", TODAY)); // the standard's own example
        assertTrue(CitizenIds.isValid(CitizenIds.normalize("36073219900303003x")));
    }

    @Test
    void namesWhatIsWrong() {
        assertEquals(Optional.of(CitizenIds.Problem.CHECK_DIGIT), CitizenIds.check("360732198001010015", TODAY));
        assertEquals(Optional.of(CitizenIds.Problem.LENGTH), CitizenIds.check("36073219800101001", TODAY));
        assertEquals(Optional.of(CitizenIds.Problem.CHARACTERS), CitizenIds.check("3607321980010100A4", TODAY));
        assertEquals(Optional.of(CitizenIds.Problem.BIRTH_DATE), CitizenIds.check("360732198002300014", TODAY));
        assertEquals(Optional.of(CitizenIds.Problem.BIRTH_DATE), CitizenIds.check("360732203001010014", TODAY));
        assertEquals(Optional.of(CitizenIds.Problem.REGION), CitizenIds.check("990732198001010014", TODAY));
    }

    @Test
    void derivesGenderAndBirthDate() {
        assertEquals("M", CitizenIds.gender("360732198001010014"));
        assertEquals("F", CitizenIds.gender("360732198202020024"));
        assertEquals(LocalDate.of(1980, 1, 1), CitizenIds.birthDate("360732198001010014"));
    }

    @Test
    void divisionCodes() {
        assertTrue(DivisionCodes.isCounty("360732"));
        assertTrue(DivisionCodes.isTownship("360732100"));
        assertFalse(DivisionCodes.isTownship("36073210"));
        assertFalse(DivisionCodes.isCounty("990732"));
        assertFalse(DivisionCodes.isCounty("360700"));
        assertFalse(DivisionCodes.isValid("36a732"));
    }
}
