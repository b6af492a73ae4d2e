package cn.resettle.common.inbox;

/**
 * Thrown by an event's effect when a fact it needs has not arrived yet (a risk for a household whose registry
 * copy is still on its way, a job loss for a household this service does not know yet). The inbox rolls the
 * effect back, keeps the event in {@code deferred_event} and applies it again when an event about
 * {@link #waitingFor()} arrives or on a schedule; after {@code resettle.inbox.deferred-max-age} it is dead-lettered.
 */
public class NotYetKnownException extends RuntimeException {
    private final String waitingFor;

    /**
     * @param waitingFor the subject (aggregate id) whose event will make this one applicable, e.g. a household id
     * @param what       what is missing, without personal data ("registry copy of the household")
     */
    public NotYetKnownException(Object waitingFor, String what) {
        super(what + " " + waitingFor + " not known yet");
        this.waitingFor = String.valueOf(waitingFor);
    }

    public String waitingFor() {
        return waitingFor;
    }
}
