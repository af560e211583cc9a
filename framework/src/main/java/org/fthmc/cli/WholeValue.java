package org.fthmc.cli;

import com.beust.jcommander.converters.IParameterSplitter;
import java.util.List;

/** Keeps a list option's value whole: {@code --set lattice.dims=[8,8]} must not be split at its comma. */
public final class WholeValue implements IParameterSplitter {
    @Override
    public List<String> split(String value) {
        return List.of(value);
    }
}
