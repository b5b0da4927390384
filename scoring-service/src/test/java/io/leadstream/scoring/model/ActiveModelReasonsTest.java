package io.leadstream.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadstream.scoring.engine.LeadAttributes;
import io.leadstream.scoring.engine.Reason;
import io.leadstream.scoring.engine.ScoreCard;

/** The active model's reason and the shadow model's score, on a small model with known weights. */
class ActiveModelReasonsTest {

    /** log-odds = −1.5 + 1.5·corporate email + 2·heat pumps − 1·imported */
    static final DeployedModel MODEL = new DeployedModel(2, new TrainedModel(new FeatureEncoder(1, List.of(
            FeatureEncoder.Column.category("emailDomainKind", "CORPORATE"),
            FeatureEncoder.Column.member("products", "heat-pumps"),
            FeatureEncoder.Column.category("source", "import"))),
            List.of(1.5, 2.0, -1.0), -1.5, 1.0, 60, 40, 20));

    static LeadAttributes lead(String source, String product, String emailDomainKind) {
        return new LeadAttributes(source, null, null, "DE", null, "de", List.of(product), null, null, null, null, null,
                new LeadAttributes.Quality(true, emailDomainKind, true, "MOBILE", null, false, null, null, null));
    }

    @Test
    void shouldGivePositivePointsNamingWhatMadeTheLeadLikelyToWin() {
        Reason reason = ActiveModelReasons.reason(MODEL, lead("web", "heat-pumps", "CORPORATE"), 15).orElseThrow();

        // log-odds 2 → p 0.881 → 15 · (2p − 1) = 11.4
        assertThat(reason).isEqualTo(new Reason("MODEL_V2", Reason.Part.MODEL, 11,
                "predictive model v2: 88 % likely to win (products∋heat-pumps, emailDomainKind=CORPORATE)"));
    }

    @Test
    void shouldGiveNegativePointsNamingWhatHeldTheLeadBack() {
        Reason reason = ActiveModelReasons.reason(MODEL, lead("import", "solar", "FREE"), 15).orElseThrow();

        // log-odds −2.5 → p 0.076 → −12.7
        assertThat(reason.points()).isEqualTo(-13);
        assertThat(reason.detail()).isEqualTo("predictive model v2: 8 % likely to win (against: source=import)");
    }

    @Test
    void shouldGiveNoReasonWhenTheModelCannotTell() {
        assertThat(ActiveModelReasons.reason(MODEL, lead("web", "solar", "CORPORATE"), 15)).isEmpty();
        assertThat(ActiveModelReasons.reason(MODEL, lead("web", "heat-pumps", "CORPORATE"), 0)).isEmpty();
    }

    @Test
    void shouldScoreTheShadowModelInPlaceOfTheActiveOne() {
        ScoreCard card = new ScoreCard(64, "B", 40, 13, 0, 11, List.of(
                new Reason("EMAIL_VALID", Reason.Part.DATA_QUALITY, 40, "valid email and more"),
                new Reason("SOURCE_DIRECT", Reason.Part.FIT, 13, "came to us directly"),
                new Reason("MODEL_V1", Reason.Part.MODEL, 11, "predictive model v1")));

        assertThat(ShadowModelScore.score(card, -13)).isEqualTo(40);
        assertThat(ShadowModelScore.score(card, 0)).isEqualTo(53);
    }

    @Test
    void shouldKeepTheShadowScoreWithin0And100() {
        ScoreCard capped = new ScoreCard(100, "A", 45, 40, 30, 10, List.of(
                new Reason("DQ", Reason.Part.DATA_QUALITY, 45, "dq"), new Reason("FIT", Reason.Part.FIT, 40, "fit"),
                new Reason("ENGAGED", Reason.Part.ENGAGEMENT, 30, "engaged"),
                new Reason("MODEL_V1", Reason.Part.MODEL, 10, "model"),
                new Reason("SCORE_CAPPED", Reason.Part.BOUNDS, -25, "a score cannot exceed 100")));
        ScoreCard floored = new ScoreCard(0, "D", -20, 0, 0, 0, List.of(
                new Reason("EMAIL_DISPOSABLE", Reason.Part.DATA_QUALITY, -20, "disposable"),
                new Reason("SCORE_FLOORED", Reason.Part.BOUNDS, 20, "a score cannot fall below 0")));

        assertThat(ShadowModelScore.score(capped, -5)).isEqualTo(100);
        assertThat(ShadowModelScore.score(capped, -30)).isEqualTo(85);
        assertThat(ShadowModelScore.score(floored, 15)).isZero();
    }
}
