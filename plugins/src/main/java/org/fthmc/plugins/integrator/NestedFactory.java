package org.fthmc.plugins.integrator;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.spi.PluginBlocks;
import org.fthmc.config.Settings;
import org.fthmc.hmc.NestedIntegrator;
import org.fthmc.spi.Integrator;
import org.fthmc.spi.IntegratorFactory;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;

/**
 * Registers {@code integrator.type = nested}: a multi-time-scale integrator ({@link NestedIntegrator}). Each entry
 * of {@code levels}, outermost first, is an integrator block with two more keys: {@code steps} (per drift of the
 * level above; the outermost level takes {@code integrator.steps}) and {@code terms} (force terms of the action it
 * kicks; terms no level names go to the innermost level). Example, DBW2's rectangle on the coarse scale:
 * {@code levels = [{ type = omelyan, terms = [rectangle] }, { type = omelyan, steps = 3 }]}.
 */
public final class NestedFactory implements IntegratorFactory {
    private static final List<ConfigKey> LEVEL_KEYS = List.of(
            ConfigKey.atLeast("steps", KeyType.INT, 1, "steps per drift of the level above (not on the outermost level)"),
            ConfigKey.of("terms", KeyType.STRING_LIST, "force terms this level kicks (see fthmc plugins for an action's terms)"));
    private static final Config LEVEL_DEFAULTS = ConfigFactory.parseMap(Map.of("steps", 1, "terms", List.of()));

    private Provider<PluginRegistry> registry;

    @Inject
    void registry(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "nested";
    }

    @Override
    public String doc() {
        return "multi-time-scale integrator: levels of any integrators, each kicking its own force terms";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.of("levels", KeyType.PLUGIN_LIST, "time scales, outermost first: integrator blocks with steps and terms"));
    }

    @Override
    public Integrator create(Settings settings, RunContext context) {
        List<Config> blocks = settings.getBlockList("levels");
        if (blocks.isEmpty()) {
            throw settings.error("levels", "needs at least one level");
        }
        List<NestedIntegrator.Level> levels = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Config block = blocks.get(i);
            String path = settings.path() + ".levels[" + i + "]";
            if (i == 0 && block.hasPath("steps")) {
                throw settings.error("levels", "the outermost level takes its steps from integrator.steps; remove 'steps' from levels[0]");
            }
            if (block.hasPath("type") && name().equals(block.getValue("type").unwrapped())) {
                throw settings.error("levels", "a level cannot itself be nested; list the time scales as levels instead");
            }
            PluginBlocks.Built<Integrator> scheme = PluginBlocks.build(registry.get(), PluginKind.INTEGRATOR, path,
                    block.withFallback(LEVEL_DEFAULTS), LEVEL_KEYS, context);
            Settings level = scheme.settings();
            levels.add(new NestedIntegrator.Level(scheme.plugin(), level.getInt("steps"), level.getStringList("terms")));
        }
        try {
            return new NestedIntegrator(levels);
        } catch (IllegalArgumentException e) {
            throw settings.error("levels", e.getMessage());
        }
    }
}
