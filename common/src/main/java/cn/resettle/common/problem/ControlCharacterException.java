package cn.resettle.common.problem;

import cn.resettle.common.validation.ControlCharacters;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string value with a control character. Jackson adds the field path as the exception unwinds, so the
 * 400 names the field ({@code members[1].name}); the value itself is never echoed.
 */
public class ControlCharacterException extends MismatchedInputException {

    public ControlCharacterException(JsonParser p) {
        super(p, ControlCharacters.MESSAGE, String.class);
    }
}
