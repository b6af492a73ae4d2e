package cn.resettle.community.household;

import cn.resettle.common.jobs.Jobs;
import cn.resettle.common.security.DataScope;
import cn.resettle.community.jobs.JobResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The household ledger as a job: counts the rows first (for the percentage), then writes them chunk by chunk. */
@ApplicationScoped
public class LedgerJobs {

    @Inject
    Jobs jobs;
    @Inject
    HouseholdService households;
    @Inject
    LedgerExport ledger;
    @Inject
    DataScope scope;

    public Jobs.JobView ledger(HouseholdService.Filter filter, LedgerExport.Format format) {
        boolean csv = format == LedgerExport.Format.CSV;
        String owner = scope.actor();
        var id = jobs.submit("household-ledger", owner, csv ? "household-ledger.csv" : "household-ledger.xlsx",
                csv ? LedgerExport.CSV : LedgerExport.XLSX, (progress, out) -> {
                    progress.total(households.ledgerRows(filter));
                    long householdsWritten;
                    LedgerExport.Writer w = ledger.open(out, format);
                    try (w) {
                        householdsWritten = households.ledger(filter, HouseholdResource.LEDGER_CHUNK, chunk -> {
                            w.write(chunk);
                            progress.done(w.rows());
                        });
                    }
                    progress.done(w.rows());
                    return "{\"households\":" + householdsWritten + ",\"rows\":" + w.rows() + ",\"sheets\":" + w.sheets() + "}";
                });
        return jobs.get(id, owner, JobResource.PATH + "/");
    }
}
