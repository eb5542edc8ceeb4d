package dev.athanor.model.accounts;

/** Who may register on a deployment ({@code athanor.auth.registration}). */
public enum RegistrationPolicy {
    /** Nobody: accounts cannot be created through the API. */
    CLOSED,
    /** Anyone; each new account gets a team of its own and is its admin (an invite code joins a team instead). */
    OPEN,
    /** Only with an invite code a team admin created; the account joins that team with the invite's role. */
    INVITE
}
