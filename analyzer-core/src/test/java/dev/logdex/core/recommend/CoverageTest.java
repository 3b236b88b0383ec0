package dev.logdex.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

  /** (member_id, book_id, returned_at): three equality columns. */
  private static final IndexCandidate UPDATE =
      new IndexCandidate("loan", List.of("member_id", "book_id", "returned_at"), 3, "");

  /** (member_id, due_at): an equality, then a sort. */
  private static final IndexCandidate SORTED = new IndexCandidate("loan", List.of("member_id", "due_at"), 1, "");

  @Test
  void anIndexServesTheEqualityColumnsItLeadsWithInAnyOrder() {
    assertThat(Coverage.servedKeys(List.of("returned_at", "member_id", "due_at"), UPDATE)).isEqualTo(2);
    assertThat(Coverage.servedKeys(List.of("book_id", "returned_at", "member_id"), UPDATE)).isEqualTo(3);
    assertThat(Coverage.servedKeys(List.of("MEMBER_ID"), UPDATE)).isEqualTo(1);
  }

  @Test
  void anIndexServesNothingWhenItsFirstKeyIsNotALeadingOne() {
    assertThat(Coverage.servedKeys(List.of("due_at", "member_id"), UPDATE)).isZero();
    assertThat(Coverage.servedKeys(List.of("due_at"), SORTED)).isZero();
  }

  @Test
  void anEqualityColumnCountsOnceEvenWhenTheIndexRepeatsIt() {
    assertThat(Coverage.servedKeys(List.of("member_id", "member_id"), UPDATE)).isEqualTo(1);
  }

  @Test
  void afterAllTheEqualitiesTheOtherKeysMustFollowInOrderAndInOneDirection() {
    assertThat(Coverage.servedKeys(List.of("member_id", "due_at"), SORTED)).isEqualTo(2);
    assertThat(Coverage.servedKeys(List.of("member_id", "due_at DESC"), SORTED)).isEqualTo(2);
    assertThat(Coverage.servedKeys(List.of("member_id", "book_id"), SORTED)).isEqualTo(1);
    IndexCandidate twoSorts = new IndexCandidate("loan", List.of("member_id", "due_at", "id"), 1, "");
    assertThat(Coverage.servedKeys(List.of("member_id", "due_at DESC", "id"), twoSorts)).isEqualTo(2);
    assertThat(Coverage.servedKeys(List.of("member_id", "due_at DESC", "id DESC"), twoSorts)).isEqualTo(3);
  }
}
