package cn.resettle.common.events;

/**
 * Marks an event payload record with its CloudEvents type (versioned) and the aggregate it belongs to.
 * A breaking change to a payload is a new record with a new {@code .vN} type, never an edit of the old one.
 */
@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
public @interface EventType {
    String value();

    String aggregate();
}
