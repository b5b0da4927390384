package io.leadstream.nurture.messages;

import io.leadstream.nurture.templates.Channel;

/**
 * The channel has not been set up on this installation (no WhatsApp phone-number id or access token, no SMS gateway
 * URL, key or sender): nothing was sent and nothing will be until an operator configures it. A
 * {@link ChannelUnavailableException}, so code that handles that handles this too; code that wants to say "not
 * configured" rather than "try later" catches this one first.
 */
public class ChannelNotConfiguredException extends ChannelUnavailableException {

    public ChannelNotConfiguredException(Channel channel, String message) {
        super(channel, message, null);
    }
}
