package org.fthmc.transform;

import java.util.Arrays;
import org.fthmc.field.LinkField;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.GaugeAction;

/**
 * The action HMC sees in field-transformation HMC: S_FT(V) = S(F(V)) − ln|det F_*(V)|, with the force of S at
 * U = F(V) pulled back through the transform. Where the transform computes the whole force on its backend from the
 * action's DSL graph ({@link FieldTransform#addForce(LinkField, ActionGraph, double, double[])}: a chain on an
 * accelerator), it does; otherwise S's own force (a hand-written kernel) is computed at U on the host.
 */
public final class TransformedAction implements GaugeAction {
    private final GaugeAction action;
    private final ActionGraph graph;
    private final FieldTransform transform;
    private final LinkField mapped;
    private final double[] forceAtU;

    public TransformedAction(GaugeAction action, FieldTransform transform, LinkField shape) {
        this.action = action;
        this.graph = action.graph().orElse(null);
        this.transform = transform;
        this.mapped = new LinkField(shape.lattice(), shape.group());
        this.forceAtU = new double[shape.lattice().links() * shape.group().algebraDimension()];
    }

    @Override
    public double action(LinkField v) {
        double logJacobian = transform.forward(v, mapped);
        return action.action(mapped) - logJacobian;
    }

    @Override
    public void addForce(LinkField v, double scale, double[] target) {
        if (graph != null && transform.addForce(v, graph, scale, target)) {
            return;
        }
        transform.map(v, mapped);
        Arrays.fill(forceAtU, 0);
        action.addForce(mapped, 1, forceAtU);
        transform.addPulledBackForce(v, mapped, forceAtU, scale, target);
    }
}
