package org.fthmc.transform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.field.LinkField;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.GaugeAction;

/**
 * The action HMC sees in field-transformation HMC: S_FT(V) = S(F(V)) − ln|det F_*(V)|, with the force of S at
 * U = F(V) pulled back through the transform. Where the transform computes the whole force on its backend from the
 * action's DSL graph ({@link FieldTransform#addForce(LinkField, ActionGraph, double, double[])}: a chain on an
 * accelerator), it does; otherwise S's own force (a hand-written kernel) is computed at U on the host.
 * <p>
 * For multi-time-scale integration its {@link #terms()} are S's terms, each through the map (S_i∘F), and the
 * Jacobian term {@value #JACOBIAN} = −ln|det F_*|, so that the Jacobian can sit on a time scale of its own.
 */
public final class TransformedAction implements GaugeAction {
    /** The name of the Jacobian term −ln|det F_*| among {@link #terms()}. */
    public static final String JACOBIAN = "jacobian";
    /** S = 0: its pulled-back force is the Jacobian term's alone. */
    private static final GaugeAction ZERO = new GaugeAction() {
        @Override
        public double action(LinkField u) {
            return 0;
        }

        @Override
        public void addForce(LinkField u, double scale, double[] target) {
        }
    };

    private final GaugeAction action;
    private final ActionGraph graph;
    private final FieldTransform transform;
    private final LinkField mapped;
    private final double[] forceAtU;
    /** −∂ ln J at the field {@link #jacobianForceAt} and the weights {@link #jacobianWeights} (null until the first). */
    private final double[] jacobianForce;
    private double[] jacobianForceAt;
    private List<double[]> jacobianWeights;

    public TransformedAction(GaugeAction action, FieldTransform transform, LinkField shape) {
        this.action = action;
        this.graph = action.graph().orElse(null);
        this.transform = transform;
        this.mapped = new LinkField(shape.lattice(), shape.group());
        this.forceAtU = new double[shape.lattice().links() * shape.group().algebraDimension()];
        this.jacobianForce = new double[forceAtU.length];
    }

    @Override
    public double action(LinkField v) {
        double logJacobian = transform.forward(v, mapped);
        return action.action(mapped) - logJacobian;
    }

    /**
     * S_i∘F for every term S_i of S, and {@value #JACOBIAN}: −ln J. The force of −ln J is the pull-back of a zero
     * force at U (the pull-back always carries the derivative of −ln J); the force of S_i∘F is the pull-back of S_i's
     * force less that, so the terms' forces add up to the whole force.
     */
    @Override
    public Map<String, GaugeAction> terms() {
        Map<String, GaugeAction> terms = new LinkedHashMap<>();
        action.terms().forEach((name, term) -> terms.put(name, new MappedTerm(term)));
        if (terms.containsKey(JACOBIAN)) {
            throw new IllegalStateException("the action has a term named '" + JACOBIAN + "', the name of the transform's Jacobian term");
        }
        terms.put(JACOBIAN, new JacobianTerm());
        return terms;
    }

    /**
     * target += scale · (−∂ ln J)(v): the pull-back of a zero force at U, kept for the last v (a term S_i∘F and the
     * Jacobian term are often kicked at the same field, and each needs it).
     */
    private void addJacobianForce(LinkField v, double scale, double[] target) {
        if (jacobianForceAt == null || !Arrays.equals(jacobianForceAt, v.data()) || !sameWeights()) {
            Arrays.fill(jacobianForce, 0);
            addPulledBack(ZERO, v, 1, jacobianForce);
            jacobianForceAt = v.data().clone();
            jacobianWeights = transform.weights().values().stream().map(double[]::clone).toList();
        }
        for (int i = 0; i < target.length; i++) {
            target[i] += scale * jacobianForce[i];
        }
    }

    /** Whether the weights (which may change in place between calls, as in training) are those of the kept force. */
    private boolean sameWeights() {
        List<double[]> now = transform.weights().values();
        for (int t = 0; t < now.size(); t++) {
            if (!Arrays.equals(now.get(t), jacobianWeights.get(t))) {
                return false;
            }
        }
        return true;
    }

    /** target += scale · (the pull-back through F of s's force at U = F(v), which carries −∂ ln J). */
    private void addPulledBack(GaugeAction s, LinkField v, double scale, double[] target) {
        transform.map(v, mapped);
        Arrays.fill(forceAtU, 0);
        s.addForce(mapped, 1, forceAtU);
        transform.addPulledBackForce(v, mapped, forceAtU, scale, target);
    }

    /** One term S_i of S through the map: S_i(F(V)), its force pulled back without the Jacobian's. */
    private final class MappedTerm implements GaugeAction {
        private final GaugeAction term;

        MappedTerm(GaugeAction term) {
            this.term = term;
        }

        @Override
        public double action(LinkField v) {
            transform.map(v, mapped);
            return term.action(mapped);
        }

        @Override
        public void addForce(LinkField v, double scale, double[] target) {
            addPulledBack(term, v, scale, target);
            addJacobianForce(v, -scale, target);
        }
    }

    /** The Jacobian term −ln|det F_*(V)|. */
    private final class JacobianTerm implements GaugeAction {
        @Override
        public double action(LinkField v) {
            return -transform.logJacobian(v);
        }

        @Override
        public void addForce(LinkField v, double scale, double[] target) {
            addJacobianForce(v, scale, target);
        }
    }

    @Override
    public void addForce(LinkField v, double scale, double[] target) {
        if (graph != null && transform.addForce(v, graph, scale, target)) {
            return;
        }
        addPulledBack(action, v, scale, target);
    }
}
