using Microsoft.AspNetCore.SignalR;
using Zordic.Server.Sessions;

namespace Zordic.Server.Hubs;

/// <summary>
/// Clears cursors and selections that have not moved for their time to live (the seed's 30 s), so a
/// client that vanished without a goodbye does not leave a frozen cursor on everyone's screen.
/// </summary>
public sealed class AwarenessExpiry(ISessionState sessions, IHubContext<StudioHub> hub, StudioHubOptions options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.AwarenessSweep, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var expired in await sessions.TakeExpiredAsync(clock.GetUtcNow()))
            {
                var who = expired.Who;
                var others = hub.Clients.GroupExcept(expired.ProjectId, [who.ConnectionId]);
                if (expired.Cursor)
                    await others.SendAsync(HubEvents.UserCursor, new UserCursor(who.ConnectionId, who.UserId, who.DisplayName, who.Color, null, null), stoppingToken);
                if (expired.Selection)
                    await others.SendAsync(HubEvents.UserSelection, new UserSelection(who.ConnectionId, who.UserId, who.DisplayName, who.Color, null, []), stoppingToken);
            }
        }
    }
}
