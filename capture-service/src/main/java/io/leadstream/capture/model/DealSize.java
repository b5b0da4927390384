package io.leadstream.capture.model;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The expected value of the deal: an amount of money in an ISO 4217 currency. */
@Schema(name = "DealSize")
public record DealSize(
        @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 4) @Schema(examples = "25000") BigDecimal amount,
        @NotBlank @Size(max = 3) @Schema(description = "ISO 4217 code; stored upper-case", examples = "EUR") String currency) {
}
