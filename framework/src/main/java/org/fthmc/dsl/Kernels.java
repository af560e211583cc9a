package org.fthmc.dsl;

import org.fthmc.math.ComplexMatrices;
import org.fthmc.math.PivotedElimination;
import org.fthmc.parallel.SiteLoops.RangeBody;

/**
 * The per-site loops of the executor, one per primitive and operand kinds. Each works on a range of sites;
 * an operand that is a global value (length = its components) is read at offset 0 on every site.
 */
final class Kernels {
    private Kernels() {
    }

    /** Offset of site x's value in an operand with c components per site (0 for a global value). */
    private static int at(double[] a, int c, int x) {
        return a.length == c ? 0 : x * c;
    }

    static RangeBody add(double[] out, double[] a, double[] b, int c) {
        return combine(out, a, b, c, false);
    }

    /**
     * a + b or a ⊙ b componentwise, with a global operand broadcast. The common cases (fields of reals, a field and
     * one global real) are tight loops over the flat index range, which the JIT vectorises.
     */
    private static RangeBody combine(double[] out, double[] a, double[] b, int c, boolean multiply) {
        boolean aGlobal = a.length == c && out.length != c;
        boolean bGlobal = b.length == c && out.length != c;
        if (!aGlobal && !bGlobal) {
            return multiply ? (from, to) -> {
                for (int i = from * c; i < to * c; i++) {
                    out[i] = a[i] * b[i];
                }
            } : (from, to) -> {
                for (int i = from * c; i < to * c; i++) {
                    out[i] = a[i] + b[i];
                }
            };
        }
        if (c == 1) {
            double[] field = aGlobal ? b : a;
            double[] single = aGlobal ? a : b;
            return multiply ? (from, to) -> {
                double s = single[0];
                for (int i = from; i < to; i++) {
                    out[i] = field[i] * s;
                }
            } : (from, to) -> {
                double s = single[0];
                for (int i = from; i < to; i++) {
                    out[i] = field[i] + s;
                }
            };
        }
        return (from, to) -> {
            for (int x = from; x < to; x++) {
                int ia = aGlobal ? 0 : x * c;
                int ib = bGlobal ? 0 : x * c;
                int o = x * c;
                for (int k = 0; k < c; k++) {
                    out[o + k] = multiply ? a[ia + k] * b[ib + k] : a[ia + k] + b[ib + k];
                }
            }
        };
    }

    static RangeBody negate(double[] out, double[] a, int c) {
        return (from, to) -> {
            for (int i = from * c; i < to * c; i++) {
                out[i] = -a[i];
            }
        };
    }

    static RangeBody apply(double[] out, double[] a, Fn fn, int c) {
        return (from, to) -> {
            for (int i = from * c; i < to * c; i++) {
                out[i] = fn.apply(a[i]);
            }
        };
    }

    /** Componentwise product (reals, vectors). */
    static RangeBody elementwise(double[] out, double[] a, double[] b, int c) {
        return combine(out, a, b, c, true);
    }

    /** s · X with s real (one component), X of c components. */
    static RangeBody scale(double[] out, double[] s, double[] v, int c) {
        if (c == 1) {
            return combine(out, s, v, 1, true);
        }
        boolean sGlobal = s.length == 1 && out.length != c;
        boolean vGlobal = v.length == c && out.length != c;
        return (from, to) -> {
            for (int x = from; x < to; x++) {
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
    static RangeBody complexScale(double[] out, double[] z, double[] w, int c) {
        return (from, to) -> {
            for (int x = from; x < to; x++) {
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
    static RangeBody matmul(double[] out, double[] a, boolean daggerA, double[] b, boolean daggerB, int n) {
        int c = 2 * n * n;
        if (n == 3) {
            return (from, to) -> {
                for (int x = from; x < to; x++) {
                    ComplexMatrices.multiply3(a, at(a, c, x), daggerA, b, at(b, c, x), daggerB, out, x * c, false);
                }
            };
        }
        return (from, to) -> {
            for (int x = from; x < to; x++) {
                ComplexMatrices.multiply(n, a, at(a, c, x), daggerA, b, at(b, c, x), daggerB, out, x * c, false);
            }
        };
    }

    static RangeBody conj(double[] out, double[] a, int c) {
        return (from, to) -> {
            for (int i = from * c; i < to * c; i += 2) {
                out[i] = a[i];
                out[i + 1] = -a[i + 1];
            }
        };
    }

    static RangeBody dagger(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (from, to) -> {
            for (int x = from; x < to; x++) {
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

    /** Per site: out = a⁻¹ (Gauss–Jordan with partial pivoting on complex entries). */
    static RangeBody inverse(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (from, to) -> {
            double[] m = new double[c];
            for (int x = from; x < to; x++) {
                System.arraycopy(a, x * c, m, 0, c);
                PivotedElimination.invert(n, m, out, x * c);
            }
        };
    }

    /** Per site: out = ln|det a| (LU with partial pivoting on complex entries). */
    static RangeBody logAbsDet(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (from, to) -> {
            double[] m = new double[c];
            for (int x = from; x < to; x++) {
                System.arraycopy(a, x * c, m, 0, c);
                out[x] = PivotedElimination.logAbsDet(n, m);
            }
        };
    }

    static RangeBody trace(double[] out, double[] a, int n) {
        int c = 2 * n * n;
        return (from, to) -> {
            for (int x = from; x < to; x++) {
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
    static RangeBody pick(double[] out, double[] a, int c, int k, int width) {
        return (from, to) -> {
            for (int x = from; x < to; x++) {
                for (int w = 0; w < width; w++) {
                    out[x * width + w] = a[x * c + k + w];
                }
            }
        };
    }

    static RangeBody dot(double[] out, double[] a, double[] b, int c) {
        return (from, to) -> {
            for (int x = from; x < to; x++) {
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
    static RangeBody dense(double[] out, double[] w, double[] v, int rows, int cols, boolean transposed) {
        int cw = rows * cols;
        int cv = transposed ? rows : cols;
        int cy = transposed ? cols : rows;
        return (from, to) -> {
            for (int x = from; x < to; x++) {
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
     * per run column by column ([o][k][r]), so that each gathered input component updates every output. Up to four
     * outputs (a small network's channels) are accumulated in locals; wider outputs in a per-block array.
     */
    static RangeBody conv(double[] out, double[] h, double[][] w, int[][] tables, int rows, int cols, boolean transposed) {
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
            return (from, to) -> {
                for (int x = from; x < to; x++) {
                    double a0 = 0;
                    double a1 = 0;
                    double a2 = 0;
                    double a3 = 0;
                    for (int o = 0; o < offsets; o++) {
                        int iv = tables[o][x] * cin;
                        int im = o * cin * cout;
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
                    }
                    int y = x * cout;
                    out[y] = a0;
                    if (cout > 1) {
                        out[y + 1] = a1;
                    }
                    if (cout > 2) {
                        out[y + 2] = a2;
                    }
                    if (cout > 3) {
                        out[y + 3] = a3;
                    }
                }
            };
        }
        return (from, to) -> {
            double[] acc = new double[cout];
            for (int x = from; x < to; x++) {
                java.util.Arrays.fill(acc, 0);
                for (int o = 0; o < offsets; o++) {
                    int iv = tables[o][x] * cin;
                    int im = o * cin * cout;
                    for (int k = 0; k < cin; k++, im += cout) {
                        double v = h[iv + k];
                        for (int r = 0; r < cout; r++) {
                            acc[r] += m[im + r] * v;
                        }
                    }
                }
                System.arraycopy(acc, 0, out, x * cout, cout);
            }
        };
    }

    static RangeBody outer(double[] out, double[] a, double[] b, int m, int n) {
        return (from, to) -> {
            for (int x = from; x < to; x++) {
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

    static RangeBody shift(double[] out, double[] a, int[] table, int c) {
        if (c == 1) {
            return (from, to) -> {
                for (int x = from; x < to; x++) {
                    out[x] = a[table[x]];
                }
            };
        }
        return (from, to) -> {
            for (int x = from; x < to; x++) {
                System.arraycopy(a, table[x] * c, out, x * c, c);
            }
        };
    }

    /** 1 where a equals the global m[0], else 0. */
    static RangeBody atMax(double[] out, double[] a, double[] m) {
        return (from, to) -> {
            double max = m[0];
            for (int x = from; x < to; x++) {
                out[x] = a[x] == max ? 1 : 0;
            }
        };
    }

    static RangeBody broadcast(double[] out, double[] a, int c) {
        return (from, to) -> {
            for (int x = from; x < to; x++) {
                System.arraycopy(a, 0, out, x * c, c);
            }
        };
    }
}
