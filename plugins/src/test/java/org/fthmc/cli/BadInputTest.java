package org.fthmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile input: every case gets exit code 2 and a one-line message naming the place and the problem. */
class BadInputTest {
    private static final String GOOD = "lattice.dims = [4, 4]\naction { type = u1-wilson, beta = 2 }\n";

    @TempDir
    Path dir;

    private CliRunner runConfig(String content) throws IOException {
        Path f = Files.writeString(dir.resolve("bad.conf"), content);
        return CliRunner.run("run", f.toString(), "--out", dir.resolve("out").toString());
    }

    private static void assertOneLineError(CliRunner r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        String message = r.err().strip();
        assertEquals(1, message.lines().count(), "one line expected: " + message);
        for (String f : fragments) {
            assertTrue(message.contains(f), "'" + f + "' missing from: " + message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        key typo            | lattice.dims = [4, 4]\\naction { type = u1-wilson, bta = 2 }            | bad.conf:2 | did you mean 'beta'
        plugin typo         | lattice.dims = [4, 4]\\naction { type = u1-wilsn, beta = 2 }           | bad.conf:2 | did you mean 'u1-wilson'
        wrong type          | GOOD hmc.trajectories = "many"                                          | bad.conf:3 | expected an integer
        negative size       | lattice.dims = [-4, 4]\\naction { type = u1-wilson, beta = 2 }         | bad.conf:1 | must be >= 2
        too large           | lattice.dims = [100000, 100000]\\naction { type = u1-wilson, beta = 2 }  | bad.conf:1 | too large
        one dimension       | lattice.dims = [8]\\naction { type = u1-wilson, beta = 2 }             | bad.conf:1 | at least 2 dimensions
        beta zero           | lattice.dims = [4, 4]\\naction { type = u1-wilson, beta = 0 }          | bad.conf:2 | must be > 0
        zero steps          | GOOD integrator.steps = 0                                               | bad.conf:3 | integrator.steps
        unknown integrator  | GOOD integrator.type = omelayn                                          | bad.conf:3 | did you mean 'omelyan'
        integrator key typo | GOOD integrator { type = omelyan, lamda = 0.2 }                         | bad.conf:3 | did you mean 'lambda'
        lambda out of range | GOOD integrator { type = omelyan, lambda = 0.7 }                        | bad.conf:3 | must be <= 0.5
        unknown section     | GOOD hcm.seed = 3                                                       | bad.conf:3 | did you mean 'hmc'
        missing action      | lattice.dims = [4, 4]                                                   | action     | missing required key 'type'
        missing dims        | action { type = u1-wilson, beta = 2 }                                   | lattice    | missing required key 'dims'
        bad progress        | GOOD output.progress = bars                                             | bad.conf:3 | did you mean 'bar'
        unknown group       | GOOD lattice.group = so3                                                | bad.conf:3 | unknown group
        charge in 3D        | lattice.dims = [4, 4, 4]\\naction { type = u1-wilson, beta = 2 }\\nmeasurements.observables = [plaquette, topological-charge] | bad.conf:3 | 2-dimensional
        syntax error        | lattice { dims = [4, 4                                                  | bad.conf   | bad.conf
        heat bath for u1    | GOOD hmc.updater = heatbath                                             | bad.conf:3 | needs an action with a heat bath
        unknown updater     | GOOD hmc.updater = heatbth                                              | bad.conf:3 | did you mean 'heatbath'
        sweeps for u1       | GOOD hmc { heatbath-sweeps = 5 }                                        | bad.conf:3 | need an action with a heat bath
        sweeps beyond therm | GOOD hmc { heatbath-sweeps = 500, thermalization = 10 }                 | bad.conf:3 | at most hmc.thermalization = 10
        transform for su3   | lattice { dims = [4, 4, 4, 4], group = su3 }\\naction { type = sun-wilson, beta = 6 }\\ntransform.type = u1-masked-stout | bad.conf:3 | needs lattice.group = u1
        unknown transform   | GOOD transform.type = u1-maskd-stout                                    | bad.conf:3 | did you mean 'u1-masked-stout'
        missing weights     | GOOD transform { type = u1-masked-stout, weights = "nowhere.fthmcw" }   | bad.conf:3 | not found
        even kernel         | GOOD transform { type = u1-masked-stout, network.kernel = 2 }           | bad.conf:3 | must be odd
        unknown network     | GOOD transform { type = u1-masked-stout, network.type = cnv }           | bad.conf:3 | did you mean 'conv'
        bad coefficients    | lattice { dims = [2, 2, 2, 2], group = su2 }\\naction { type = sun-wilson, beta = 2 }\\ntransform { type = sun-masked-stout, coefficients = netwrk } | bad.conf:3 | did you mean 'network'
        odd lattice         | lattice.dims = [5, 4]\\naction { type = u1-wilson, beta = 2 }\\ntransform.type = u1-masked-stout | bad.conf:3 | even extents
        heat bath and ft    | lattice { dims = [4, 4], group = su2 }\\naction { type = sun-wilson, beta = 2 }\\ntransform.type = identity\\nhmc.updater = heatbath | bad.conf:4 | with a transform
        start file missing  | GOOD lattice.start = file                                               | bad.conf:3 | needs lattice.file
        start file absent   | GOOD lattice { start = file, file = "none.fthmc" }                      | bad.conf:3 | none.fthmc
        level term typo     | GOOD integrator { type = nested, levels = [{ type = omelyan, terms = [al] }] } | bad.conf:3 | did you mean 'all'
        jacobian term typo  | GOOD transform.type = identity\\nintegrator { type = nested, levels = [{ type = omelyan, terms = [jacobain] }] } | bad.conf:4 | did you mean 'jacobian'
        section not a block | GOOD hmc = 3                                                            | bad.conf:3 | must be a block
        huge trajectories   | GOOD hmc.trajectories = 3000000000                                      | bad.conf:3 | hmc.trajectories: must be <= 2147483647
        huge steps          | GOOD integrator.steps = 3000000000                                      | bad.conf:3 | integrator.steps: must be <= 2147483647
        huge threads        | GOOD hmc.threads = 3000000000                                           | bad.conf:3 | hmc.threads: must be <= 1024
        beyond long         | GOOD hmc.seed = 30000000000000000000000                                 | bad.conf:3 | expected an integer (>= 0)
        integer as real     | GOOD hmc.trajectories = 3e9                                             | bad.conf:3 | must be <= 2147483647
        infinite beta       | lattice.dims = [4, 4]\\naction { type = u1-wilson, beta = 1e400 }      | bad.conf:2 | must be a finite number
        overflowing beta    | lattice.dims = [4, 4]\\naction { type = u1-wilson, beta = 1e308 }      | bad.conf:2 | must be <= 1e100
        overflowing c1      | lattice { dims = [4, 4, 4, 4], group = su3 }\\naction { type = sun-improved, beta = 6, preset = custom, c1 = -1e300 } | bad.conf:2 | must be >= -2
        force enum typo     | lattice.dims = [4, 4]\\naction { type = u1-wilson, beta = 2, force = kernal } | bad.conf:2 | did you mean 'kernel'
        updater not known   | GOOD hmc.updater = metropolis                                           | bad.conf:3 | must be one of hmc, heatbath
        start typo          | GOOD lattice.start = hto                                                | bad.conf:3 | did you mean 'hot'
        unclosed brace      | lattice { dims = [4, 4]\\naction { type = u1-wilson, beta = 2 }         | bad.conf:1 | '{' is never closed
        unclosed bracket    | GOOD hmc.seed = 3\\nlattice.dims = [4, 4                               | bad.conf:4 | '[' is never closed
        """)
    void badConfigsAreReportedWithTheirLocation(String name, String content, String where, String what) throws IOException {
        String text = content.replace("GOOD ", GOOD).replace("\\n", "\n");
        assertOneLineError(runConfig(text), where, what);
        assertTrue(Files.notExists(dir.resolve("out")), "nothing may be written for a bad config");
    }

    /** Hostile command lines: a one-line message, exit code 2, nothing written. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no command         |                                              | no command given
        unknown command    | frobnicate                                   | frobnicate
        misspelt option    | run OK --sett x=1                            | --sett
        missing config     | run                                          | missing CONFIG
        two configs        | run OK OK                                    | expected one CONFIG
        set without value  | run OK --set hmc.seed                        | key=value
        set out of range   | run OK --set action.beta=-1                  | --set action.beta
        out under a file   | run OK --out FILE/out                        | cannot create the output directory
        out in /proc       | run OK --out /proc/fthmc-out                 | /proc/fthmc-out
        out is a file      | run OK --out FILE                            | not a directory
        resume nothing     | run --resume DIR/nothing                     | no such directory
        resume a plain dir | run --resume DIR                             | not an fthmc job directory
        resume with config | run OK --resume DIR                          | takes no CONFIG
        resume other key   | run --resume DIR --set action.beta=3         | only hmc.trajectories and lattice.ranks may change
        convert into none  | convert FILE DIR/none/u.nersc --to nersc     | is not a directory
        convert over file  | convert FILE FILE --to nersc                 | use --force
        convert to a dir   | convert FILE DIR --to nersc                  | is a directory
        convert bad format | convert FILE DIR/u.x --to nersk              | did you mean 'nersc'
        """)
    void badCommandLinesAreOneLineRefusals(String name, String line, String what) throws IOException {
        Path ok = Files.writeString(dir.resolve("ok.conf"), GOOD);
        Path file = Files.writeString(dir.resolve("plain.txt"), "mine");
        String[] args = line == null ? new String[0] : line.strip().split(" +");
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].replace("OK", ok.toString()).replace("FILE", file.toString()).replace("DIR", dir.toString());
        }
        assertOneLineError(CliRunner.run(args), what);
        assertEquals("mine", Files.readString(file));
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    @Test
    void missingEmptyAndDirectoryConfigs() throws IOException {
        assertOneLineError(CliRunner.run("run", dir.resolve("none.conf").toString()), "none.conf", "not found");
        assertOneLineError(CliRunner.run("run", dir.toString()), "is a directory");
        Path empty = Files.writeString(dir.resolve("empty.conf"), "");
        assertOneLineError(CliRunner.run("run", empty.toString()), "empty.conf", "empty");
    }

    @Test
    void anExistingOutputDirectoryIsNeverOverwritten() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("results.txt"), "keep me");
        Path f = Files.writeString(dir.resolve("ok.conf"), GOOD + "hmc { trajectories = 2, thermalization = 0 }\n");
        assertOneLineError(CliRunner.run("run", f.toString(), "--out", out.toString()), out.toString(), "--force");
        assertOneLineError(CliRunner.run("run", f.toString(), "--out", out.toString(), "--force"), "refusing to delete");
        assertEquals("keep me", Files.readString(out.resolve("results.txt")));
    }

    @Test
    void corruptGaugeFilesAreRefusedByMeasure() throws IOException {
        Path f = Files.writeString(dir.resolve("cfg.fthmc"), "FTHMCGF1 but not really");
        assertOneLineError(CliRunner.run("measure", f.toString()), "cfg.fthmc");
    }
}
