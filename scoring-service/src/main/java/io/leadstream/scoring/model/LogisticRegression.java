package io.leadstream.scoring.model;

import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link TrainedModel} by L2-regularised logistic regression, with Newton's method (IRLS) and a backtracking
 * line search: deterministic, no random start, a handful of iterations for the few dozen features a lead has.
 *
 * <p>
 * It minimises the summed (not averaged) negative log-likelihood plus {@code (lambda / 2) · ‖w‖²}; the intercept is
 * not penalised. Lambda must be positive: it keeps the weights finite on separable data and the Newton system
 * solvable when one-hot columns add up to the intercept. Because the penalty is on the sum, its pull weakens as the
 * training set grows. It stops when no parameter moves by more than {@code tolerance} in an iteration, or after
 * {@code maxIterations}.
 */
public final class LogisticRegression {

    public static final double DEFAULT_LAMBDA = 1.0;
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    public static final double DEFAULT_TOLERANCE = 1e-8;

    /** Floor for a lead's Newton weight p(1−p), so a saturated prediction keeps the system positive definite. */
    private static final double MIN_CURVATURE = 1e-12;
    private static final int MAX_HALVINGS = 40;

    private final double lambda;
    private final int maxIterations;
    private final double tolerance;

    public LogisticRegression(double lambda, int maxIterations, double tolerance) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be positive and finite, was " + lambda);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, was " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, was " + tolerance);
        }
        this.lambda = lambda;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    public static LogisticRegression withDefaults() {
        return new LogisticRegression(DEFAULT_LAMBDA, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
    }

    /** Fits an encoder ({@link FeatureEncoder#DEFAULT_MIN_COUNT}) on the examples, then the weights. */
    public TrainedModel train(List<Outcome> examples) {
        return train(examples, FeatureEncoder.fit(examples.stream().map(Outcome::attributes).toList()));
    }

    /**
     * Fits the weights over the given encoder's columns. Needs at least one won and one lost example (otherwise the
     * intercept would run off to infinity).
     */
    public TrainedModel train(List<Outcome> examples, FeatureEncoder encoder) {
        int n = examples.size();
        int won = (int) examples.stream().filter(Outcome::won).count();
        int lost = n - won;
        if (won == 0 || lost == 0) {
            throw new NotEnoughOutcomesException(won, lost, 1);
        }
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = encoder.encode(examples.get(i).attributes());
            y[i] = examples.get(i).won() ? 1 : 0;
        }
        int d = encoder.size();
        // theta[0] is the intercept, theta[1..d] the weights; start from the base rate
        double[] theta = new double[d + 1];
        theta[0] = Math.log((double) won / lost);
        double objective = objective(theta, x, y);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double p = TrainedModel.sigmoid(logOdds(theta, x[i]));
                double r = p - y[i];
                double s = Math.max(p * (1 - p), MIN_CURVATURE);
                gradient[0] += r;
                hessian[0][0] += s;
                for (int j = 0; j < d; j++) {
                    double xij = x[i][j];
                    if (xij == 0) {
                        continue;
                    }
                    gradient[j + 1] += r * xij;
                    hessian[0][j + 1] += s * xij;
                    for (int k = j; k < d; k++) {
                        hessian[j + 1][k + 1] += s * xij * x[i][k];
                    }
                }
            }
            for (int j = 1; j <= d; j++) {
                gradient[j] += lambda * theta[j];
                hessian[j][j] += lambda;
                for (int k = 0; k < j; k++) {
                    hessian[j][k] = hessian[k][j];
                }
            }
            double[] step = solve(hessian, gradient);
            double slope = dot(gradient, step);
            double t = 1;
            double[] next = minus(theta, step, t);
            double nextObjective = objective(next, x, y);
            for (int halving = 0; halving < MAX_HALVINGS && nextObjective > objective - 1e-4 * t * slope; halving++) {
                t /= 2;
                next = minus(theta, step, t);
                nextObjective = objective(next, x, y);
            }
            double moved = 0;
            for (int j = 0; j <= d; j++) {
                moved = Math.max(moved, Math.abs(next[j] - theta[j]));
            }
            if (nextObjective <= objective) {
                theta = next;
                objective = nextObjective;
            }
            if (moved < tolerance || nextObjective > objective) {
                break;
            }
        }
        List<Double> weights = Arrays.stream(theta, 1, d + 1).boxed().toList();
        return new TrainedModel(encoder, weights, theta[0], lambda, won, lost, TrainedModel.DEFAULT_MAX_POINTS);
    }

    private double objective(double[] theta, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = logOdds(theta, x[i]);
            // −log-likelihood of one example: log(1 + e^z) − y·z, written so that e^z cannot overflow
            sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
        }
        double squares = 0;
        for (int j = 1; j < theta.length; j++) {
            squares += theta[j] * theta[j];
        }
        return sum + lambda / 2 * squares;
    }

    private static double logOdds(double[] theta, double[] features) {
        double z = theta[0];
        for (int j = 0; j < features.length; j++) {
            z += theta[j + 1] * features[j];
        }
        return z;
    }

    private static double[] minus(double[] theta, double[] step, double t) {
        double[] next = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            next[j] = theta[j] - t * step[j];
        }
        return next;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    /** Solves A·v = b for a symmetric positive definite A by Cholesky decomposition. */
    static double[] solve(double[][] a, double[] b) {
        int m = b.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalStateException("the Newton system is not positive definite (column " + i + ")");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] v = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < m; k++) {
                sum -= l[k][i] * v[k];
            }
            v[i] = sum / l[i][i];
        }
        return v;
    }
}
