using Zordic.Server.Fanout;
using Zordic.Server.Sessions;

namespace Zordic.Server.Hubs;

/// <summary>
/// Clears cursors and selections that have not moved for their time to live (the seed's 30 s), so a
/// client that vanished without a goodbye does not leave a frozen cursor on everyone's screen.
/// </summary>
public sealed class AwarenessExpiry(ISessionState sessions, SessionFanout fanout, StudioHubOptions options, TimeProvider clock, ILogger<AwarenessExpiry> log) : PeriodicSweep(clock, log)
{
    protected override TimeSpan Period => options.AwarenessSweep;

    protected override async Task SweepAsync(CancellationToken ct)
    {
        foreach (var expired in await sessions.TakeExpiredAsync(Clock.GetUtcNow()))
        {
            var who = expired.Who;
            if (expired.Cursor)
                fanout.Broadcast(expired.ProjectId, HubEvents.UserCursor, new UserCursor(who.ConnectionId, who.UserId, who.DisplayName, who.Color, null, null),
                    Delivery.Latest, who.ConnectionId, StudioHub.LatestKey(HubEvents.UserCursor, who));
            if (expired.Selection)
                fanout.Broadcast(expired.ProjectId, HubEvents.UserSelection, new UserSelection(who.ConnectionId, who.UserId, who.DisplayName, who.Color, null, []),
                    Delivery.Latest, who.ConnectionId, StudioHub.LatestKey(HubEvents.UserSelection, who));
        }
    }
}
