package io.leadstream.scoring.model;

/** Too few won or lost outcomes to train a model that means anything. */
public class NotEnoughOutcomesException extends IllegalArgumentException {

    private final int won;
    private final int lost;
    private final int minimum;

    public NotEnoughOutcomesException(int won, int lost, int minimum) {
        super("the model needs at least " + minimum + " won and " + minimum + " lost outcomes to learn from; there are "
                + won + " won and " + lost + " lost");
        this.won = won;
        this.lost = lost;
        this.minimum = minimum;
    }

    public int won() {
        return won;
    }

    public int lost() {
        return lost;
    }

    public int minimum() {
        return minimum;
    }
}
