using Microsoft.AspNetCore.SignalR;
using Zordic.Server.Sessions;

namespace Zordic.Server.Hubs;

/// <summary>
/// Clears cursors and selections that have not moved for their time to live (the seed's 30 s), so a
/// client that vanished without a goodbye does not leave a frozen cursor on everyone's screen.
/// </summary>
public sealed class AwarenessExpiry(ISessionState sessions, IHubContext<StudioHub> hub, StudioHubOptions options, TimeProvider clock) : PeriodicSweep(clock)
{
    protected override TimeSpan Period => options.AwarenessSweep;

    protected override async Task SweepAsync(CancellationToken ct)
    {
        foreach (var expired in await sessions.TakeExpiredAsync(Clock.GetUtcNow()))
        {
            var who = expired.Who;
            var others = hub.Clients.GroupExcept(expired.ProjectId, [who.ConnectionId]);
            if (expired.Cursor)
                await others.SendAsync(HubEvents.UserCursor, new UserCursor(who.ConnectionId, who.UserId, who.DisplayName, who.Color, null, null), ct);
            if (expired.Selection)
                await others.SendAsync(HubEvents.UserSelection, new UserSelection(who.ConnectionId, who.UserId, who.DisplayName, who.Color, null, []), ct);
        }
    }
}
