package dev.apikey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apikey.testing.CliRunner;
import dev.apikey.testing.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A value of the wrong form is refused while the command line is read: exit 2, naming what was given where.
 * (Lists of refs stay text: picocli reports a bad element of a list as an unmatched argument, which says less.)
 */
class OptionTypesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "create local/x --expires soon      | option '--expires'     | invalid duration 'soon'",
        "create local/x --max-age 3 days    | option '--max-age'     | invalid duration '3'",
        "import local/x --expires 2027-13-01 | option '--expires'    | invalid date '2027-13-01'",
        "rotate --older-than P1Y            | option '--older-than'  | months and years have no fixed length",
        "rotate local/x --grace 0s          | option '--grace'       | invalid duration '0s'",
        "status --warn forever              | option '--warn'        | invalid duration 'forever'",
        "get no-slash                       | (REF)                  | invalid key reference 'no-slash'",
    })
    void aBadValueIsAUsageErrorNamingTheOption(String args, String where, String what) {
        Result r = new CliRunner(dir).run(args.split(" "));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid value for", where, what);
        assertThat(r.out()).isEmpty();
    }
}
