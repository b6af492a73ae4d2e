package cn.resettle.common.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListQueryTest {

    static final java.util.function.LongSupplier COUNT = () -> 999;

    @Test
    void aPageThatIsNotFullGivesTheTotalWithoutCounting() {
        assertEquals(7, ListQuery.total(7, new PageRequest(0, 20), COUNT));
        assertEquals(0, ListQuery.total(0, new PageRequest(0, 20), COUNT));
        assertEquals(45, ListQuery.total(5, new PageRequest(2, 20), COUNT));
    }

    @Test
    void aFullPageOrAPagePastTheEndIsCounted() {
        assertEquals(999, ListQuery.total(20, new PageRequest(0, 20), COUNT));
        assertEquals(999, ListQuery.total(0, new PageRequest(3, 20), COUNT));
    }

    @Test
    void filtersThatWereNotGivenAddNothing() {
        ListQuery q = ListQuery.where("1 = 1").and("r.status = :status", "status", null).and("r.site = :site", "site", "XG-LJ-001");
        assertEquals("1 = 1 and r.site = :site", q.where());
        assertEquals(java.util.Map.of("site", "XG-LJ-001"), q.params());
    }

    @Test
    void anOrderByAComputedAliasOrWithNullsFirstPagesByNumberNotByCursor() {
        String select = "p.id, p.title, (case when p.occupation = :occ then 3 else 0 end) as score";
        assertFalse(ListQuery.Key.keysetCapable(ListQuery.Key.parse("score desc, p.id"), select),
                "a where clause cannot see the alias score");
        assertFalse(ListQuery.Key.keysetCapable(ListQuery.Key.parse("w.left_on nulls first, w.id"), "w.*"));
        assertTrue(ListQuery.Key.keysetCapable(ListQuery.Key.parse("p.created_at desc, p.id"), select));
        ListQuery.Key k = ListQuery.Key.parse("c.due_by desc nulls last, c.id").get(0);
        assertEquals("c.due_by", k.expr());
        assertTrue(k.desc());
        assertTrue(k.nullsOrdered());
    }
}
