package org.fthmc.spi;

import org.fthmc.field.LinkField;

/** A per-configuration measurement with one value, written as column {@link #column()} of measurements.csv. */
public interface Observable {
    /** The column name: lower case, words joined by underscores. */
    String column();

    double measure(LinkField u);
}
