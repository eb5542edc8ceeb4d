package dev.athanor.git.host;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.git.GitPlatform;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The account a token belongs to must be the one the credentials name; hosts compare logins without case. */
final class TokenOwner {

    private TokenOwner() {
    }

    /** @return the login as the host spells it */
    static String require(GitPlatform platform, String username, String login) {
        if (login == null) {
            throw new UpstreamException(platform.displayName() + " did not say whose the access token is");
        }
        String wanted = username == null ? "" : username.strip();
        if (!login.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
            String message = "The access token belongs to the " + platform.displayName() + " account '" + login
                    + "', not to '" + wanted + "'";
            throw new InvalidInputException(message, Map.of("username", List.of(message)));
        }
        return login;
    }
}
