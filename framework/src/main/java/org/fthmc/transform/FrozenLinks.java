package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.dsl.Node;

/**
 * A layer restricted to the sites of a mask: it updates the links of those sites as the wrapped layer does and
 * leaves every other link as it is, with ln|det| counted on the mask's sites only (a link left alone has Jacobian
 * block 1). Patch training ({@code train.patch}) freezes a patch's boundary band with it. Where the
 * mask is 0 the executor does not compute the wrapped layer's update.
 */
public record FrozenLinks(TransformLayer layer, Node updated) implements TransformLayer {
    @Override
    public Output apply(List<Node> links) {
        Output out = layer.apply(links);
        List<Node> restricted = new ArrayList<>();
        for (int mu = 0; mu < links.size(); mu++) {
            Node before = links.get(mu);
            Node after = out.links().get(mu);
            restricted.add(after == before ? before : before.plus(after.minus(before).times(updated)));
        }
        return new Output(restricted, out.logDetDensity().times(updated));
    }
}
