package cn.resettle.common.validation;

import java.util.Set;

/**
 * Administrative division codes (GB/T 2260 and the statistics bureau's 9/12-digit extension): 2-digit province,
 * 4-digit city, 6-digit county, 9-digit township, 12-digit village. A code is accepted when it has one of these
 * lengths, is all digits and its province part is a real province.
 */
public final class DivisionCodes {

    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
            "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82");

    private DivisionCodes() {
    }

    public static boolean isProvince(String twoDigits) {
        return PROVINCES.contains(twoDigits);
    }

    public static boolean isValid(String code) {
        if (code == null) {
            return false;
        }
        int len = code.length();
        if (len != 2 && len != 4 && len != 6 && len != 9 && len != 12) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        if (!isProvince(code.substring(0, 2))) {
            return false;
        }
        // below the province, a level's part is never 00 once a lower level is given (e.g. 360700 is a city, 360732 a county)
        return len < 6 || !code.substring(2, 4).equals("00") || code.startsWith("11") || code.startsWith("12")
                || code.startsWith("31") || code.startsWith("50");
    }

    public static boolean isCounty(String code) {
        return code != null && code.length() == 6 && isValid(code) && !code.endsWith("00");
    }

    public static boolean isTownship(String code) {
        return code != null && code.length() == 9 && isValid(code) && isCounty(code.substring(0, 6));
    }
}
