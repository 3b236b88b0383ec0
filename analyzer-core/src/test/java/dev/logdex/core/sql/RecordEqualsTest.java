package dev.logdex.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.logdex.core.model.ColumnRef;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The records of an analysis write their equals out, for speed (StatementAnalyzer.isDatabaseFree); each still means
 * what a record's own equals means: equal exactly when every component is, and with the same hash code then. A
 * component added to one of them without its equals comparing it fails here, as does one of a type this test has no
 * values for.
 */
class RecordEqualsTest {

  private static final ColumnRef ORDERS_ID = new ColumnRef("orders", "id");
  private static final ColumnUse USE = ColumnUse.of(ORDERS_ID, UseKind.EQUALITY);
  private static final StatementProfile EMPTY =
      new StatementProfile(StatementKind.SELECT, List.of(), Set.of(), Set.of(), List.of());

  /** Two different values for each type of component, by the component's generic type. */
  private static final Map<String, List<Object>> VALUES = Map.ofEntries(
      Map.entry("java.lang.String", List.of("a", "b")),
      Map.entry("boolean", List.of(false, true)),
      Map.entry("dev.logdex.core.model.ColumnRef", List.of(ORDERS_ID, new ColumnRef("orders", "customer_id"))),
      Map.entry("dev.logdex.core.model.UseKind", List.of(UseKind.EQUALITY, UseKind.RANGE)),
      Map.entry("dev.logdex.core.model.StatementKind", List.of(StatementKind.SELECT, StatementKind.UPDATE)),
      Map.entry("java.util.List<dev.logdex.core.model.ColumnUse>", List.of(List.of(), List.of(USE))),
      Map.entry("java.util.List<dev.logdex.core.model.TableAccess>",
          List.of(List.of(), List.of(new TableAccess("orders", List.of(USE), false, false)))),
      Map.entry("java.util.Set<java.lang.String>", List.of(Set.of(), Set.of("orders"))),
      Map.entry("java.util.List<java.lang.String>", List.of(List.of(), List.of("x"))),
      Map.entry("dev.logdex.core.model.StatementProfile", List.of(EMPTY,
          new StatementProfile(StatementKind.SELECT, List.of(), Set.of("orders"), Set.of(), List.of()))));

  @Test
  void eachIsEqualExactlyWhenEveryComponentIs() throws Exception {
    for (Class<?> type : List.of(ColumnRef.class, ColumnUse.class, TableAccess.class, StatementProfile.class,
        StatementAnalysis.Parsed.class, StatementAnalysis.SystemCatalog.class, StatementAnalysis.Unparsed.class)) {
      RecordComponent[] components = type.getRecordComponents();
      Constructor<?> canonical = type.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      Object[] first = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        first[i] = values(type, components[i]).get(0);
      }
      Object a = canonical.newInstance(first);
      Object same = canonical.newInstance(first.clone());
      assertThat(a).as(type.getSimpleName()).isEqualTo(same).isNotSameAs(same).hasSameHashCodeAs(same);
      assertThat(a.equals(null)).as(type.getSimpleName() + " and null").isFalse();
      assertThat(a).as(type.getSimpleName() + " and another type").isNotEqualTo("a");
      for (int i = 0; i < components.length; i++) {
        Object[] other = first.clone();
        other[i] = values(type, components[i]).get(1);
        Object b = canonical.newInstance(other);
        assertThat(a).as("%s differing in %s", type.getSimpleName(), components[i].getName()).isNotEqualTo(b);
        assertThat(b).as("%s differing in %s", type.getSimpleName(), components[i].getName()).isNotEqualTo(a);
      }
    }
  }

  private static List<Object> values(Class<?> type, RecordComponent c) {
    List<Object> v = VALUES.get(c.getGenericType().getTypeName());
    if (v == null) {
      fail("no values for %s.%s of type %s: add two to VALUES, and the component to %s's equals",
          type.getSimpleName(), c.getName(), c.getGenericType().getTypeName(), type.getSimpleName());
    }
    return v;
  }
}
