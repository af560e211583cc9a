package org.fthmc.dsl;

import org.fthmc.math.CayleyHamiltonExp;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.math.PivotedElimination;

/**
 * The per-site loops of the executor, one per primitive and operand kinds. Each works on a range of sites;
 * an operand that is a global value (length = its components) is read at offset 0 on every site.
 */
final class Kernels {
    private Kernels() {
    }

    /**
     * The contiguous pieces of flat storage a kernel covers (see {@link SiteKernel}): one, [from·c, to·c), for a range
     * of sites; one per listed site, [x·c, x·c + c), for a list.
     */
    private static int segments(int[] sites, int from, int to) {
        return sites == null ? 1 : to - from;
    }

    /** Start of piece j (see {@link #segments}) in storage of c doubles per site. */
    private static int lo(int[] sites, int from, int j, int c) {
        return sites == null ? from * c : sites[from + j] * c;
    }

    /** End of piece j (see {@link #segments}). */
    private static int hi(int[] sites, int from, int to, int j, int c) {
        return sites == null ? to * c : sites[from + j] * c + c;
    }

    /** Offset of site x's value in an operand with c components per site (0 for a global value). */
    private static int at(double[] a, int c, int x) {
        return a.length == c ? 0 : x * c;
    }

    static SiteKernel add(double[] out, double[] a, double[] b, int c) {
        return combine(out, a, b, c, false);
    }

    /**
     * a + b or a ⊙ b componentwise, with a global operand broadcast. The common cases (fields of reals, a field and
     * one global real) are tight loops over the flat index range, which the JIT vectorises.
     */
    private static SiteKernel combine(double[] out, double[] a, double[] b, int c, boolean multiply) {
        boolean aGlobal = a.length == c && out.length != c;
        boolean bGlobal = b.length == c && out.length != c;
        if (!aGlobal && !bGlobal) {
            return multiply ? (sites, from, to) -> {
                for (int j = 0, segments = segments(sites, from, to); j < segments; j++) {
                    for (int i = lo(sites, from, j, c), hi = hi(sites, from, to, j, c); i < hi; i++) {
                        out[i] = a[i] * b[i];
                    }
                }
            } : (sites, from, to) -> {
                for (int j = 0, segments = segments(sites, from, to); j < segments; j++) {
                    for (int i = lo(sites, from, j, c), hi = hi(sites, from, to, j, c); i < hi; i++) {
                        out[i] = a[i] + b[i];
                    }
                }
            };
        }
        if (c == 1) {
            double[] field = aGlobal ? b : a;
            double[] single = aGlobal ? a : b;
            return multiply ? (sites, from, to) -> {
                double s = single[0];
                for (int j = 0, segments = segments(sites, from, to); j < segments; j++) {
                    for (int i = lo(sites, from, j, 1), hi = hi(sites, from, to, j, 1); i < hi; i++) {
                        out[i] = field[i] * s;
                    }
                }
            } : (sites, from, to) -> {
                double s = single[0];
                for (int j = 0, segments = segments(sites, from, to); j < segments; j++) {
                    for (int i = lo(sites, from, j, 1), hi = hi(sites, from, to, j, 1); i < hi; i++) {
                        out[i] = field[i] + s;
                    }
                }
            };
        }
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int ia = aGlobal ? 0 : x * c;
                int ib = bGlobal ? 0 : x * c;
                int o = x * c;
                for (int k = 0; k < c; k++) {
                    out[o + k] = multiply ? a[ia + k] * b[ib + k] : a[ia + k] + b[ib + k];
                }
            }
        };
    }

    /** Zeros (where a value is read but known to be zero, see {@link ComputedSites}). */
    static SiteKernel zero(double[] out, int c) {
        return (sites, from, to) -> {
            for (int j = 0, segments = segments(sites, from, to); j < segments; j++) {
                java.util.Arrays.fill(out, lo(sites, from, j, c), hi(sites, from, to, j, c), 0.0);
            }
        };
    }

    static SiteKernel negate(double[] out, double[] a, int c) {
        return (sites, from, to) -> {
            for (int j = 0, segments = segments(sites, from, to); j < segments; j++) {
                for (int i = lo(sites, from, j, c), hi = hi(sites, from, to, j, c); i < hi; i++) {
                    out[i] = -a[i];
                }
            }
        };
    }

    static SiteKernel apply(double[] out, double[] a, Fn fn, int c) {
        return (sites, from, to) -> {
            for (int j = 0, segments = segments(sites, from, to); j < segments; j++) {
                for (int i = lo(sites, from, j, c), hi = hi(sites, from, to, j, c); i < hi; i++) {
                    out[i] = fn.apply(a[i]);
                }
            }
        };
    }

    /** Componentwise product (reals, vectors). */
    static SiteKernel elementwise(double[] out, double[] a, double[] b, int c) {
        return combine(out, a, b, c, true);
    }

    /** s · X with s real (one component), X of c components. */
    static SiteKernel scale(double[] out, double[] s, double[] v, int c) {
        if (c == 1) {
            return combine(out, s, v, 1, true);
        }
        boolean sGlobal = s.length == 1 && out.length != c;
        boolean vGlobal = v.length == c && out.length != c;
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                double f = s[sGlobal ? 0 : x];
                int iv = vGlobal ? 0 : x * c;
                int o = x * c;
                for (int k = 0; k < c; k++) {
                    out[o + k] = f * v[iv + k];
                }
            }
        };
    }

    /** z · W with z complex, W complex or a matrix (c components, pairs (re, im)). */
    static SiteKernel complexScale(double[] out, double[] z, double[] w, int c) {
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int iz = at(z, 2, x);
                double zr = z[iz];
                double zi = z[iz + 1];
                int iw = at(w, c, x);
                int o = x * c;
                for (int k = 0; k < c; k += 2) {
                    double wr = w[iw + k];
                    double wi = w[iw + k + 1];
                    out[o + k] = zr * wr - zi * wi;
                    out[o + k + 1] = zr * wi + zi * wr;
                }
            }
        };
    }

    /** op(A) · op(B) for n×n complex matrices, op = dagger where asked (a factor read transposed in place). */
    static SiteKernel matmul(double[] out, double[] a, boolean daggerA, double[] b, boolean daggerB, int n) {
        int c = 2 * n * n;
        if (n == 3) {
            // a daggered factor is copied daggered first: the product without daggers is the faster one, and the
            // copy negates exactly what the dagger flag would (same bits)
            return (sites, from, to) -> {
                double[] da = daggerA ? new double[c] : null;
                double[] db = daggerB ? new double[c] : null;
                for (int p = from; p < to; p++) {
                    int x = sites == null ? p : sites[p];
                    if (daggerA) {
                        ComplexMatrices.dagger3(a, at(a, c, x), da);
                    }
                    if (daggerB) {
                        ComplexMatrices.dagger3(b, at(b, c, x), db);
                    }
                    ComplexMatrices.multiply3(daggerA ? da : a, daggerA ? 0 : at(a, c, x), false,
                            daggerB ? db : b, daggerB ? 0 : at(b, c, x), false, out, x * c, false);
                }
            };
        }
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                ComplexMatrices.multiply(n, a, at(a, c, x), daggerA, b, at(b, c, x), daggerB, out, x * c, false);
            }
        };
    }

    /**
     * op(F) · op(K) (or op(K) · op(F) when {@code constantLeft}) for 3×3 matrices with K a constant: each entry sums
     * only the terms whose factor from K is not zero, in {@link ComplexMatrices#multiply3}'s order and with its
     * expressions, so the result is bit-identical to {@link #matmul} (a skipped term is a zero, and a sum that
     * starts at +0 is not changed by adding zeros). A generator of su(3) has 2 or 3 non-zero entries of 9.
     */
    static SiteKernel matmul3Constant(double[] out, double[] f, boolean daggerF, double[] k, boolean daggerK, boolean constantLeft) {
        int[] count = new int[9];
        int terms = 0;
        int[] offset = new int[27];
        double[] sign = new double[27];
        double[] kr = new double[27];
        double[] ki = new double[27];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int t = 0; t < 3; t++) {
                    // the constant's entry of this term and the field's: (i, t)·(t, j)
                    int kRow = constantLeft ? i : t;
                    int kColumn = constantLeft ? t : j;
                    int fRow = constantLeft ? t : i;
                    int fColumn = constantLeft ? j : t;
                    int ke = 2 * (daggerK ? kColumn * 3 + kRow : kRow * 3 + kColumn);
                    double re = k[ke];
                    double im = daggerK ? -k[ke + 1] : k[ke + 1];
                    if (re == 0 && im == 0) {
                        continue;
                    }
                    offset[terms] = 2 * (daggerF ? fColumn * 3 + fRow : fRow * 3 + fColumn);
                    sign[terms] = daggerF ? -1 : 1;
                    kr[terms] = re;
                    ki[terms] = im;
                    terms++;
                    count[3 * i + j]++;
                }
            }
        }
        return constantLeft ? (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int io = at(f, 18, x);
                int o = x * 18;
                for (int e = 0, t = 0; e < 9; e++) {
                    double re = 0;
                    double im = 0;
                    for (int end = t + count[e]; t < end; t++) {
                        double br = f[io + offset[t]];
                        double bi = sign[t] * f[io + offset[t] + 1];
                        re += kr[t] * br - ki[t] * bi;
                        im += kr[t] * bi + ki[t] * br;
                    }
                    out[o + 2 * e] = re;
                    out[o + 2 * e + 1] = im;
                }
            }
        } : (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int io = at(f, 18, x);
                int o = x * 18;
                for (int e = 0, t = 0; e < 9; e++) {
                    double re = 0;
                    double im = 0;
                    for (int end = t + count[e]; t < end; t++) {
                        double ar = f[io + offset[t]];
                        double ai = sign[t] * f[io + offset[t] + 1];
                        re += ar * kr[t] - ai * ki[t];
                        im += ar * ki[t] + ai * kr[t];
                    }
                    out[o + 2 * e] = re;
                    out[o + 2 * e + 1] = im;
                }
            }
        };
    }

    static SiteKernel conj(double[] out, double[] a, int c) {
        return (sites, from, to) -> {
            for (int j = 0, segments = segments(sites, from, to); j < segments; j++) {
                for (int i = lo(sites, from, j, c), hi = hi(sites, from, to, j, c); i < hi; i += 2) {
                    out[i] = a[i];
                    out[i + 1] = -a[i + 1];
                }
            }
        };
    }

    static SiteKernel dagger(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int o = x * c;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        out[o + 2 * (i * n + j)] = a[o + 2 * (j * n + i)];
                        out[o + 2 * (i * n + j) + 1] = -a[o + 2 * (j * n + i) + 1];
                    }
                }
            }
        };
    }

    /**
     * op(a) + op(b) for n×n complex matrix fields, op = dagger where asked (a folded dagger read transposed in place):
     * bit for bit the sum of the daggered matrices (the imaginary part of a dagger is the exact negation).
     */
    static SiteKernel matrixSum(double[] out, double[] a, boolean daggerA, double[] b, boolean daggerB, int n) {
        int c = 2 * n * n;
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int o = (sites == null ? p : sites[p]) * c;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        int ij = 2 * (i * n + j);
                        int ia = daggerA ? 2 * (j * n + i) : ij;
                        int ib = daggerB ? 2 * (j * n + i) : ij;
                        out[o + ij] = a[o + ia] + b[o + ib];
                        out[o + ij + 1] = (daggerA ? -a[o + ia + 1] : a[o + ia + 1]) + (daggerB ? -b[o + ib + 1] : b[o + ib + 1]);
                    }
                }
            }
        };
    }

    /** Per site: out = TA(a) ({@link TracelessAntiHermitian}; the compiled renderer writes the same expressions). */
    static SiteKernel tracelessAntiHermitian(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int o = x * c;
                double trace = 0.0;
                for (int k = 0; k < n; k++) {
                    trace += a[o + 2 * (k * n + k) + 1];
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        int ij = o + 2 * (i * n + j);
                        int ji = o + 2 * (j * n + i);
                        out[ij] = 0.5 * (a[ij] - a[ji]);
                        out[ij + 1] = i == j ? 0.5 * (a[ij + 1] + a[ji + 1]) - trace / n : 0.5 * (a[ij + 1] + a[ji + 1]);
                    }
                }
            }
        };
    }

    /** Per site: out = a⁻¹ (Gauss–Jordan with partial pivoting on complex entries). */
    static SiteKernel inverse(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (sites, from, to) -> {
            double[] m = new double[c];
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                System.arraycopy(a, x * c, m, 0, c);
                PivotedElimination.invert(n, m, out, x * c);
            }
        };
    }

    /** Per site: out = ln|det a| (LU with partial pivoting on complex entries). */
    static SiteKernel logAbsDet(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (sites, from, to) -> {
            double[] m = new double[c];
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                System.arraycopy(a, x * c, m, 0, c);
                out[x] = PivotedElimination.logAbsDet(n, m);
            }
        };
    }

    /** The Cayley–Hamilton exponential's coefficients (or a derivative of them) from s and t (null for n = 2). */
    static SiteKernel expCoefficients(double[] out, double[] s, double[] t, int n, int p, int q) {
        int c = CayleyHamiltonExp.components(n);
        return (sites, from, to) -> {
            double[] scratch = new double[CayleyHamiltonExp.scratchLength(p, q)];
            for (int i = from; i < to; i++) {
                int x = sites == null ? i : sites[i];
                CayleyHamiltonExp.derivative(n, p, q, s[at(s, 1, x)], t == null ? 0 : t[at(t, 1, x)], out, x * c, scratch);
            }
        };
    }

    static SiteKernel trace(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    re += a[x * c + 2 * (i * n + i)];
                    im += a[x * c + 2 * (i * n + i) + 1];
                }
                out[2 * x] = re;
                out[2 * x + 1] = im;
            }
        };
    }

    /** Component k of each site's c components (Re: k = 0, Im: k = 1, vector component, matrix entry). */
    static SiteKernel pick(double[] out, double[] a, int c, int k, int width) {
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                for (int w = 0; w < width; w++) {
                    out[x * width + w] = a[x * c + k + w];
                }
            }
        };
    }

    /**
     * ⟨a, k⟩ with k a constant, summing only k's non-zero components in order: bit-identical to {@link #dot} (the
     * skipped terms are zeros, and a sum that starts at +0 is not changed by adding zeros).
     */
    static SiteKernel dotConstant(double[] out, double[] a, double[] k) {
        int c = k.length;
        int[] index = java.util.stream.IntStream.range(0, c).filter(i -> k[i] != 0).toArray();
        double[] value = java.util.Arrays.stream(index).mapToDouble(i -> k[i]).toArray();
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int ia = at(a, c, x);
                double s = 0;
                for (int j = 0; j < index.length; j++) {
                    s += a[ia + index[j]] * value[j];
                }
                out[x] = s;
            }
        };
    }

    static SiteKernel dot(double[] out, double[] a, double[] b, int c) {
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int ia = at(a, c, x);
                int ib = at(b, c, x);
                double s = 0;
                for (int k = 0; k < c; k++) {
                    s += a[ia + k] * b[ib + k];
                }
                out[x] = s;
            }
        };
    }

    /**
     * y = W v (transposed: y = Wᵀ v) with W out × in row-major, for any mix of global and per-site operands. (Global
     * weights on a field of vectors, a network's dense layer, run as a one-offset {@link #conv} instead.)
     */
    static SiteKernel dense(double[] out, double[] w, double[] v, int rows, int cols, boolean transposed) {
        int cw = rows * cols;
        int cv = transposed ? rows : cols;
        int cy = transposed ? cols : rows;
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int iw = at(w, cw, x);
                int iv = at(v, cv, x);
                int o = x * cy;
                for (int r = 0; r < cy; r++) {
                    double s = 0;
                    for (int k = 0; k < cv; k++) {
                        s += (transposed ? w[iw + k * cols + r] : w[iw + r * cols + k]) * v[iv + k];
                    }
                    out[o + r] = s;
                }
            }
        };
    }

    /**
     * y(x) = Σ_o M_o h(table_o[x]), M_o the rows × cols tensor w[o] (transposed: its transpose), laid out once
     * per run column by column ([o][k][r]), so that each gathered input component updates every output. Each output
     * adds {@code partials} partial sums in {@link Conv}'s order (offset o into partial o mod partials), kept in a
     * per-block array; up to four outputs (a small network's channels) are added in locals offset by offset.
     */
    static SiteKernel conv(double[] out, double[] h, double[][] w, int[][] tables, int rows, int cols, boolean transposed,
                           int partials) {
        int cin = transposed ? rows : cols;
        int cout = transposed ? cols : rows;
        int block = rows * cols;
        int offsets = tables.length;
        double[] m = new double[offsets * block];
        for (int o = 0; o < offsets; o++) {
            for (int r = 0; r < cout; r++) {
                for (int k = 0; k < cin; k++) {
                    m[(o * cin + k) * cout + r] = transposed ? w[o][k * cols + r] : w[o][r * cols + k];
                }
            }
        }
        if (cout <= 4) {
            return (sites, from, to) -> {
                double[] acc = new double[4 * partials];
                for (int p = from; p < to; p++) {
                    int x = sites == null ? p : sites[p];
                    java.util.Arrays.fill(acc, 0);
                    for (int o = 0; o < offsets; o++) {
                        int iv = tables[o][x] * cin;
                        int im = o * cin * cout;
                        int at = 4 * (o % partials);
                        double a0 = acc[at];
                        double a1 = acc[at + 1];
                        double a2 = acc[at + 2];
                        double a3 = acc[at + 3];
                        for (int k = 0; k < cin; k++, im += cout) {
                            double v = h[iv + k];
                            a0 += m[im] * v;
                            if (cout > 1) {
                                a1 += m[im + 1] * v;
                            }
                            if (cout > 2) {
                                a2 += m[im + 2] * v;
                            }
                            if (cout > 3) {
                                a3 += m[im + 3] * v;
                            }
                        }
                        acc[at] = a0;
                        acc[at + 1] = a1;
                        acc[at + 2] = a2;
                        acc[at + 3] = a3;
                    }
                    for (int c = 1; c < partials; c++) {
                        for (int r = 0; r < 4; r++) {
                            acc[r] += acc[4 * c + r];
                        }
                    }
                    int y = x * cout;
                    for (int r = 0; r < cout; r++) {
                        out[y + r] = acc[r];
                    }
                }
            };
        }
        return (sites, from, to) -> {
            double[] acc = new double[partials * cout];
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                java.util.Arrays.fill(acc, 0);
                for (int o = 0; o < offsets; o++) {
                    int iv = tables[o][x] * cin;
                    int im = o * cin * cout;
                    int partial = (o % partials) * cout;
                    for (int k = 0; k < cin; k++, im += cout) {
                        double v = h[iv + k];
                        for (int r = 0; r < cout; r++) {
                            acc[partial + r] += m[im + r] * v;
                        }
                    }
                }
                for (int c = 1; c < partials; c++) {
                    for (int r = 0; r < cout; r++) {
                        acc[r] += acc[c * cout + r];
                    }
                }
                System.arraycopy(acc, 0, out, x * cout, cout);
            }
        };
    }

    static SiteKernel outer(double[] out, double[] a, double[] b, int m, int n) {
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                int ia = at(a, m, x);
                int ib = at(b, n, x);
                int o = x * m * n;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        out[o + i * n + j] = a[ia + i] * b[ib + j];
                    }
                }
            }
        };
    }

    static SiteKernel shift(double[] out, double[] a, int[] table, int c) {
        if (c == 1) {
            return (sites, from, to) -> {
                for (int p = from; p < to; p++) {
                    int x = sites == null ? p : sites[p];
                    out[x] = a[table[x]];
                }
            };
        }
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                System.arraycopy(a, table[x] * c, out, x * c, c);
            }
        };
    }

    /** 1 where a equals the global m[0], else 0. */
    static SiteKernel atMax(double[] out, double[] a, double[] m) {
        return (sites, from, to) -> {
            double max = m[0];
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                out[x] = a[x] == max ? 1 : 0;
            }
        };
    }

    /** Components slots[i] = parts[i] (global parts: their one value), the others 0. */
    static SiteKernel fromReals(double[] out, double[][] parts, int[] slots, int c) {
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                java.util.Arrays.fill(out, x * c, x * c + c, 0);
                for (int i = 0; i < parts.length; i++) {
                    out[x * c + slots[i]] = parts[i][at(parts[i], 1, x)];
                }
            }
        };
    }

    static SiteKernel broadcast(double[] out, double[] a, int c) {
        return (sites, from, to) -> {
            for (int p = from; p < to; p++) {
                int x = sites == null ? p : sites[p];
                System.arraycopy(a, 0, out, x * c, c);
            }
        };
    }
}
