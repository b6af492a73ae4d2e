package cn.resettle.monitoring.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes to figure cells gathered while events are applied, written at the end in one go (sorted, so two writers
 * never lock the same cells in a different order). A stock cell's month starts from the latest earlier value and
 * every later month of the cell moves with it (an event applied late still counts in the months after it).
 */
final class Deltas {

    record Cell(String region, String site, Figure figure, String dim, String month) {
        Cell {
            site = site == null ? "" : site;
            dim = dim == null ? "" : dim;
            region = region == null ? "" : region;
        }
    }

    private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::region).thenComparing(Cell::site)
            .thenComparing(c -> c.figure().name()).thenComparing(Cell::dim).thenComparing(Cell::month);

    private final Map<Cell, Long> changes = new TreeMap<>(ORDER);

    void add(String region, String site, Figure figure, String dim, String month, long delta) {
        if (delta != 0) {
            changes.merge(new Cell(region, site, figure, dim, month), delta, Long::sum);
        }
    }

    boolean isEmpty() {
        return changes.values().stream().allMatch(v -> v == 0);
    }

    int size() {
        return changes.size();
    }

    void flush(Connection c) throws SQLException {
        if (isEmpty()) {
            return;
        }
        try (PreparedStatement stock = c.prepareStatement("""
                insert into command_figure (region_code, site_code, figure, dim, month, value, updated_at)
                values (?, ?, ?, ?, ?, coalesce((select p.value from command_figure p where p.region_code = ? and p.site_code = ?
                  and p.figure = ? and p.dim = ? and p.month < ? order by p.month desc limit 1), 0) + ?, now())
                on conflict (region_code, site_code, figure, dim, month)
                do update set value = command_figure.value + ?, updated_at = now()""");
             PreparedStatement later = c.prepareStatement("""
                update command_figure set value = value + ?, updated_at = now() where region_code = ? and site_code = ?
                  and figure = ? and dim = ? and month > ?""");
             PreparedStatement fill = c.prepareStatement("""
                insert into command_figure (region_code, site_code, figure, dim, month, value, updated_at)
                values (?, ?, ?, ?, ?, coalesce((select p.value from command_figure p where p.region_code = ? and p.site_code = ?
                  and p.figure = ? and p.dim = ? and p.month < ? order by p.month desc limit 1), 0), now())
                on conflict (region_code, site_code, figure, dim, month) do nothing""");
             PreparedStatement flow = c.prepareStatement("""
                insert into command_figure (region_code, site_code, figure, dim, month, value, updated_at)
                values (?, ?, ?, ?, ?, ?, now())
                on conflict (region_code, site_code, figure, dim, month)
                do update set value = command_figure.value + excluded.value, updated_at = now()""")) {
            boolean anyStock = false;
            boolean anyFlow = false;
            boolean anyFill = false;
            for (Map.Entry<Cell, Long> x : changes.entrySet()) {
                Cell k = x.getKey();
                long d = x.getValue();
                if (d == 0) {
                    continue;
                }
                if (k.figure().stock()) {
                    int i = 1;
                    stock.setString(i++, k.region());
                    stock.setString(i++, k.site());
                    stock.setString(i++, k.figure().name());
                    stock.setString(i++, k.dim());
                    stock.setString(i++, k.month());
                    stock.setString(i++, k.region());
                    stock.setString(i++, k.site());
                    stock.setString(i++, k.figure().name());
                    stock.setString(i++, k.dim());
                    stock.setString(i++, k.month());
                    stock.setLong(i++, d);
                    stock.setLong(i, d);
                    stock.addBatch();
                    later.setLong(1, d);
                    later.setString(2, k.region());
                    later.setString(3, k.site());
                    later.setString(4, k.figure().name());
                    later.setString(5, k.dim());
                    later.setString(6, k.month());
                    later.addBatch();
                    // a change to an earlier month: the months after it up to now get their row (carried forward)
                    java.time.YearMonth now = java.time.YearMonth.now(CommandProjection.ZONE);
                    java.time.YearMonth m = java.time.YearMonth.parse(k.month()).plusMonths(1);
                    if (m.isBefore(now.minusMonths(24))) {
                        m = now.minusMonths(24);
                    }
                    for (; !m.isAfter(now); m = m.plusMonths(1)) {
                        int j = 1;
                        fill.setString(j++, k.region());
                        fill.setString(j++, k.site());
                        fill.setString(j++, k.figure().name());
                        fill.setString(j++, k.dim());
                        fill.setString(j++, m.toString());
                        fill.setString(j++, k.region());
                        fill.setString(j++, k.site());
                        fill.setString(j++, k.figure().name());
                        fill.setString(j++, k.dim());
                        fill.setString(j, m.toString());
                        fill.addBatch();
                        anyFill = true;
                    }
                    anyStock = true;
                } else {
                    flow.setString(1, k.region());
                    flow.setString(2, k.site());
                    flow.setString(3, k.figure().name());
                    flow.setString(4, k.dim());
                    flow.setString(5, k.month());
                    flow.setLong(6, d);
                    flow.addBatch();
                    anyFlow = true;
                }
            }
            if (anyStock) {
                stock.executeBatch();
                later.executeBatch();
            }
            if (anyFill) {
                fill.executeBatch();
            }
            if (anyFlow) {
                flow.executeBatch();
            }
        }
        changes.clear();
    }
}
