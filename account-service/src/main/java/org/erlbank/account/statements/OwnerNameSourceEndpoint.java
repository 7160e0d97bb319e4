package org.erlbank.account.statements;

import org.erlbank.account.owners.FeedFollower;
import org.erlbank.account.owners.OwnerReplica;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/ownernames} on the management port (loopback, never routed by the gateway): {@code GET} tells
 * where statements take the owner's name from and how far the replica has followed the customer feed,
 * {@code POST {"source": "replica"}} (or {@code "lookup"}) switches.
 */
@Component
@Endpoint(id = "ownernames")
class OwnerNameSourceEndpoint {

    /**
     * @param source  {@code lookup} or {@code replica}
     * @param replica the replica's state, whichever source statements use
     */
    record State(String source, Replica replica) {
    }

    /**
     * @param following whether account-service follows the feed at all ({@code ERLBANK_REPLICA})
     * @param position  the customer feed's position the replica's names reflect
     * @param readAt    when it last read the feed (ISO 8601), null before its first read
     * @param trouble   what keeps it from following the feed now (customer-service unreadable, a gap), or null
     */
    record Replica(boolean following, long position, String readAt, String trouble) {
    }

    private final OwnerNameSource source;
    private final OwnerReplica replica;
    private final ObjectProvider<FeedFollower> follower;

    OwnerNameSourceEndpoint(OwnerNameSource source, OwnerReplica replica, ObjectProvider<FeedFollower> follower) {
        this.source = source;
        this.replica = replica;
        this.follower = follower;
    }

    @ReadOperation
    State state() {
        var position = replica.position();
        var following = follower.getIfAvailable();
        return new State(source.current().value(), new Replica(following != null, position.lastPosition(),
                position.readAt().map(Object::toString).orElse(null),
                following == null ? null : following.trouble().orElse(null)));
    }

    /** @throws InvalidEndpointRequestException (400) for anything but lookup or replica */
    @WriteOperation
    State switchTo(String source) {
        try {
            this.source.set(OwnerNameSource.Source.of(source));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidEndpointRequestException(unknown.getMessage(), "source is lookup or replica");
        }
        return state();
    }
}
