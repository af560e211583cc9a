package org.fthmc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys set twice in one file, and the line of a brace or bracket that is never closed. */
class HoconScanTest {
    private static List<HoconScan.Duplicate> dups(String text) {
        return HoconScan.duplicates(text);
    }

    @Test
    void aKeySetTwiceIsFoundWhateverTheSpelling() {
        assertEquals(List.of(new HoconScan.Duplicate("hmc.seed", 1, 3)), dups("hmc.seed = 1\nlattice.dims = [4, 4]\nhmc { seed = 2 }\n"));
        assertEquals(List.of(new HoconScan.Duplicate("action.beta", 1, 2)), dups("action { type = u1-wilson, beta = 2 }\naction.beta: 3"));
        assertEquals(List.of(new HoconScan.Duplicate("a", 1, 2)), dups("a = 1\na { b = 2 }\n"));
        assertEquals(List.of(new HoconScan.Duplicate("a", 2, 3)), dups("a {\n b = 1 }\na = 5\n"));
        assertEquals(List.of(new HoconScan.Duplicate("x.y", 2, 4)), dups("{\n x.y = [1,\n 2]\n x { y = 3 } }\n"));
    }

    @Test
    void mergedBlocksAppendsAndSelfReferencesAreNotDuplicates() {
        assertEquals(List.of(), dups("action.type = u1-wilson\naction.beta = 2\naction { force = dsl }\n"));
        assertEquals(List.of(), dups("a { b = 1 }\na { c = 2 }\n"));
        assertEquals(List.of(), dups("l = [1]\nl += 2\nl = ${l} [3]\n"));
        assertEquals(List.of(), dups("\"a.b\" = 1\na.b = 2\n"));
        assertEquals(List.of(), dups("""
                measurements.observables = [plaquette, { type = flow-t2e, time = 1 }, { type = flow-t2e, time = 2 }]
                # seed = 1 in a comment, and { a brace
                name = "x { = y" // seed = 2
                text = \"\"\"two
                lines { seed = 3 \"\"\"
                seed = 4
                """));
    }

    @Test
    void theOpeningOfAnUnclosedBlockOrListIsNamed() {
        assertEquals(Optional.of("1: this '{' is never closed"), HoconScan.unclosed("lattice {\n  dims = [4, 4]\n  action { type = x }\n"));
        assertEquals(Optional.of("2: this '[' is never closed"), HoconScan.unclosed("a = 1\nlattice.dims = [4, 4\n"));
        assertEquals(Optional.empty(), HoconScan.unclosed("lattice { dims = [4, 4] }\n"));
    }
}
