package cn.resettle.common.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A valid administrative-division code of the given level; null is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = DivisionCode.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DivisionCode {
    enum Level { ANY, COUNTY, TOWNSHIP }

    Level level() default Level.ANY;

    String message() default "不是有效的行政区划代码 invalid administrative division code";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DivisionCode, String> {
        private Level level;

        @Override
        public void initialize(DivisionCode annotation) {
            level = annotation.level();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext ctx) {
            if (value == null) {
                return true;
            }
            return switch (level) {
                case ANY -> DivisionCodes.isValid(value);
                case COUNTY -> DivisionCodes.isCounty(value);
                case TOWNSHIP -> DivisionCodes.isTownship(value);
            };
        }
    }
}
