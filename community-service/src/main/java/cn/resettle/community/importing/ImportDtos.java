package cn.resettle.community.importing;

import java.util.List;

public final class ImportDtos {
    private ImportDtos() {
    }

    public record RowError(int row, String field, String message) {
    }

    /**
     * What happened to a file: {@code duplicates} are rows already in the registry (a second import of the same
     * file only produces duplicates); {@code errors} name each rejected row with its Excel row number and reason.
     */
    public record ImportReport(int rows, int householdsCreated, int peopleAdded, int duplicates, int rejected,
                               List<RowError> errors) {
    }
}
