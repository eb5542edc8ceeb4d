/**
 * Live events: clients connected to a socket, the channels they listen on, and the events pushed to them. A channel is
 * {@code global} (everything of the team), {@code project_<id>} or {@code task_<id>}, always within one team.
 */
package dev.athanor.model.live;
