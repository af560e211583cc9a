package org.fthmc.plugins.action;

import java.util.List;
import java.util.Map;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;

/**
 * The rectangle coefficient c1 of plaquette + rectangle actions (docs/science.md §2): a named preset or a custom value.
 * Presets: wilson 0, symanzik −1/12 (tree level), iwasaki −0.331, dbw2 −1.4088 (c0 = 12.2704, the NTHMC code's
 * value; other codes use −1.4069 or −1.4067 — set {@code preset = custom, c1 = ...} for those).
 */
final class RectangleCoefficient {
    static final Map<String, Double> PRESETS = Map.of("wilson", 0.0, "symanzik", -1.0 / 12, "iwasaki", -0.331, "dbw2", -1.4088);
    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.oneOf("preset", "wilson, symanzik, iwasaki, dbw2 (c1 = -1.4088), or custom (use c1)",
                    "wilson", "symanzik", "iwasaki", "dbw2", "custom"),
            ConfigKey.between("c1", KeyType.DOUBLE, -2, 0.125, "rectangle coefficient when preset = custom"));

    private RectangleCoefficient() {
    }

    /** c1 from a validated block with the keys {@link #KEYS}. */
    static double of(Settings settings) {
        String preset = settings.getString("preset");
        if (preset.equals("custom")) {
            return settings.getDouble("c1");
        }
        return PRESETS.get(preset);
    }
}
