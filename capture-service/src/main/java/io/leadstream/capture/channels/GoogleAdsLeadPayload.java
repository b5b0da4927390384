package io.leadstream.capture.channels;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A Google Ads lead form webhook delivery, as Google posts it (snake_case; unknown fields are ignored, as Google asks
 * for forward compatibility). Ids Google declares as int64 are read as text, whether sent as numbers or strings.
 */
@Schema(name = "GoogleAdsLeadPayload", description = "Google Ads lead form webhook payload")
public record GoogleAdsLeadPayload(
        @JsonProperty("lead_id") @Schema(description = "unique per lead; Google's retries repeat it") String leadId,
        @JsonProperty("api_version") String apiVersion,
        @JsonProperty("form_id") String formId,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("adgroup_id") String adgroupId,
        @JsonProperty("creative_id") String creativeId,
        @JsonProperty("asset_group_id") String assetGroupId,
        @JsonProperty("gcl_id") @Schema(description = "Google click id") String gclId,
        @JsonProperty("google_key") @Schema(description = "the key configured with the webhook") String googleKey,
        @JsonProperty("is_test") Boolean isTest,
        @JsonProperty("lead_submit_time") String leadSubmitTime,
        @JsonProperty("user_column_data") List<Column> userColumnData) {

    /** One answer of the form: {@code column_id} FULL_NAME, FIRST_NAME, EMAIL, PHONE_NUMBER, … */
    @Schema(name = "GoogleAdsLeadColumn")
    public record Column(
            @JsonProperty("column_id") String columnId,
            @JsonProperty("column_name") String columnName,
            @JsonProperty("string_value") String stringValue) {
    }
}
